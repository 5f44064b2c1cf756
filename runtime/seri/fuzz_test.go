package seri_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// FuzzUnpack feeds the decoder a stream given as two halves. Top-level
// values are self-delimiting, so when both halves decode on their own the
// whole must decode to their concatenation; and whatever decodes must
// survive a pack/unpack round trip.
func FuzzUnpack(f *testing.F) {
	for _, v := range loadVectors(f) {
		if v.Hex == nil {
			continue
		}
		b := v.bytes(f)
		f.Add(b, []byte(nil))
		f.Add(b[:len(b)/2], b[len(b)/2:])
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		whole := append(append([]byte(nil), a...), b...)
		vals, err := seri.Unpack(whole)
		if err != nil {
			if !errors.Is(err, seri.ErrInvalidStream) && !errors.Is(err, seri.ErrNaNKey) {
				t.Fatalf("unexpected error kind: %v", err)
			}
		}
		va, errA := seri.Unpack(a)
		vb, errB := seri.Unpack(b)
		if errA == nil && errB == nil {
			if err != nil {
				t.Fatalf("halves decode but whole fails: %v", err)
			}
			if !equalList(vals, append(va, vb...)) {
				t.Fatalf("whole %s != halves %s + %s", show(vals), show(va), show(vb))
			}
		}
		if err != nil {
			return
		}
		packed, err := seri.Pack(vals...)
		if errors.Is(err, seri.ErrTooDeep) {
			return // the decoder accepts deeper nesting than skynet packs
		}
		if err != nil {
			t.Fatalf("re-pack of %s: %v", show(vals), err)
		}
		again, err := seri.Unpack(packed)
		if err != nil {
			t.Fatalf("unpack of re-packed %x: %v", packed, err)
		}
		if !equalList(again, vals) {
			t.Fatalf("round trip\n got %s\nwant %s", show(again), show(vals))
		}
		// Packing is canonical: a second round trip reproduces the bytes.
		if packed2, _ := seri.Pack(again...); !bytes.Equal(packed2, packed) {
			t.Fatalf("pack not canonical: %x vs %x", packed2, packed)
		}
	})
}
