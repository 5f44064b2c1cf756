package cluster_test

import (
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

// BenchmarkRequest measures the common case: a 64-byte payload to a
// handle and to a registered name, packed and decoded.
func BenchmarkRequest(b *testing.B) {
	payload := payloadOf(64)
	for _, tc := range []struct {
		name string
		addr cluster.Addr
	}{{"handle", cluster.HandleAddr(0x0100000a)}, {"name", cluster.NameAddr("@echo")}} {
		b.Run("pack/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			session := uint32(1)
			for b.Loop() {
				frames, next, err := cluster.PackRequest(tc.addr, session, payload)
				if err != nil || len(frames) != 1 {
					b.Fatal(err)
				}
				session = next
			}
		})
		frames, _, _ := cluster.PackRequest(tc.addr, 1, payload)
		body := frames[0][2:]
		b.Run("unpack/"+tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				if r, err := cluster.UnpackRequest(body); err != nil || len(r.Data) != len(payload) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkResponse is the answer's path for the same payload.
func BenchmarkResponse(b *testing.B) {
	payload := payloadOf(64)
	b.Run("pack", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cluster.PackResponse(7, true, payload); err != nil {
				b.Fatal(err)
			}
		}
	})
	frames, _ := cluster.PackResponse(7, true, payload)
	body := frames[0][2:]
	b.Run("unpack", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		b.ReportAllocs()
		for b.Loop() {
			if r, err := cluster.UnpackResponse(body); err != nil || len(r.Data) != len(payload) {
				b.Fatal(err)
			}
		}
	})
}
