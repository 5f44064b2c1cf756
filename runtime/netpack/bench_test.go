package netpack_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

// BenchmarkDecode measures decoding 64-byte frames arriving 1 and 10 per
// read, through a Decoder and through a Filter (the gate's path).
func BenchmarkDecode(b *testing.B) {
	frame, _ := netpack.Pack(bytes.Repeat([]byte{'x'}, 64))
	for _, per := range []int{1, 10} {
		read := bytes.Repeat(frame, per)
		b.Run(fmt.Sprintf("decoder/%d-per-read", per), func(b *testing.B) {
			d := netpack.NewDecoder()
			b.SetBytes(int64(len(read)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				ev, _, _ := d.Feed(read)
				if ev == netpack.EventData {
					n++
				}
				for _, ok := d.Pop(); ok; _, ok = d.Pop() {
					n++
				}
			}
			b.ReportMetric(float64(n)/float64(b.N), "frames/op")
		})
		b.Run(fmt.Sprintf("filter/%d-per-read", per), func(b *testing.B) {
			f := netpack.NewFilter()
			b.SetBytes(int64(len(read)))
			b.ReportAllocs()
			for b.Loop() {
				f.Data(42, read)
				for _, ok := f.Pop(); ok; _, ok = f.Pop() {
				}
			}
		})
	}
}
