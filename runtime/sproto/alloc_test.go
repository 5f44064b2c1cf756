package sproto

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"testing"
)

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// field wraps body as the data part of a one-field message at tag.
func oneField(tag int, body []byte) []byte {
	var b []byte
	if tag > 0 {
		b = []byte{2, 0, byte((tag-1)*2 + 1), byte(((tag-1)*2 + 1) >> 8), 0, 0}
	} else {
		b = []byte{1, 0, 0, 0}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	return append(b, body...)
}

// TestDecodeAllocationBound feeds the cheapest-per-byte encodings of each
// kind of element and checks memory stays a small multiple of the input.
// The costliest is a struct element: eight bytes on the wire, a Go map
// (one group of slots) when decoded.
func TestDecodeAllocationBound(t *testing.T) {
	all := typesSchema(t).Type("All")
	const n = 1 << 16
	cases := map[string][]byte{
		"booleans":       oneField(8, bytes.Repeat([]byte{1}, n)),
		"integers":       oneField(7, append([]byte{4}, bytes.Repeat([]byte{0xff, 0xff, 0, 0}, n/4)...)),
		"empty strings":  oneField(9, make([]byte, n)),
		"empty structs":  oneField(12, bytes.Repeat([]byte{2, 0, 0, 0, 0, 0}, n/6)),
		"key-only pairs": oneField(13, bytes.Repeat([]byte{8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, n/12)),
		"unknown tags":   bytes.Repeat([]byte{0}, n),
	}
	// Keyed map entries whose keys are all the same collapse to one.
	entry := []byte{4, 0, 0, 0, 1, 0, 4, 0}
	cases["same key"] = oneField(15, bytes.Repeat(entry, n/len(entry)))
	for name, in := range cases {
		got := allocated(func() {
			if _, _, err := all.Decode(in); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
		t.Logf("%-14s %7d bytes in, %8d allocated (%.1fx)", name, len(in), got, float64(got)/float64(len(in)))
		if got > 48*uint64(len(in)) {
			t.Errorf("%s: %d bytes allocated for %d in", name, got, len(in))
		}
	}
	packed := bytes.Repeat([]byte{0}, n)
	got := allocated(func() { _, _ = Unpack(packed) })
	t.Logf("unpack zeros   %7d bytes in, %8d allocated", n, got)
	if got > 9*n {
		t.Errorf("unpack: %d bytes allocated for %d in", got, n)
	}

	// Dispatch compounds the two: every packed zero byte is eight bytes
	// of boolean array, each a slot of []any.
	ss := schemaCache{}.get(t, "types.sproto")
	ss.typeByName["package"] = all // any type serves as a header here
	h, err := NewHost(ss, "")
	if err != nil {
		t.Fatal(err)
	}
	body := oneField(8, make([]byte, 8*n))
	in := Pack(body)
	got = allocated(func() {
		if _, err := h.Dispatch(in); err == nil {
			t.Error("dispatch accepted a header-only packet with no session")
		}
	})
	t.Logf("dispatch       %7d bytes in, %8d allocated (%.1fx)", len(in), got, float64(got)/float64(len(in)))
	if got > 160*uint64(len(in)) {
		t.Errorf("dispatch: %d bytes allocated for %d in", got, len(in))
	}
}
