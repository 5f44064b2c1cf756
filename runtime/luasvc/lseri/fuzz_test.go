package lseri_test

import (
	"encoding/hex"
	"errors"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// FuzzUnpack feeds arbitrary bytes to the Lua bridge. Besides not
// panicking, whatever decodes must settle after one pack: gopher-lua
// normalises it (integral reals become integers, holes move to the border)
// and from then on pack(unpack(x)) == x.
func FuzzUnpack(f *testing.F) {
	for _, v := range loadVectors(f) {
		// Multi-kilobyte seeds (long strings and arrays) make every
		// mutation and minimisation crawl through the Lua VM; the seri
		// fuzz target covers them.
		if v.Hex != nil && len(*v.Hex) <= 2048 {
			b, _ := hex.DecodeString(*v.Hex)
			f.Add(b)
		}
	}
	// A registry large enough for any input the fuzzer builds, so a flood
	// of top-level values tests the decoder rather than the stack limit.
	L := lua.NewState(lua.Options{SkipOpenLibs: true, RegistrySize: 1024, RegistryMaxSize: 1 << 22})
	f.Cleanup(L.Close)
	var enc seri.Encoder
	f.Fuzz(func(t *testing.T, data []byte) {
		defer L.SetTop(0)
		n, err := lseri.Unpack(L, data)
		if err != nil {
			if L.GetTop() != 0 {
				t.Fatalf("error %v left %d values", err, L.GetTop())
			}
			if !errors.Is(err, seri.ErrInvalidStream) && !errors.Is(err, seri.ErrNaNKey) &&
				!errors.Is(err, lseri.ErrInexactInteger) && !errors.Is(err, lseri.ErrSparseKey) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if n != L.GetTop() {
			t.Fatalf("returned %d, pushed %d", n, L.GetTop())
		}
		enc.Reset()
		if err := lseri.Pack(&enc, L, 1, n); err != nil {
			if errors.Is(err, seri.ErrTooDeep) {
				return // decode accepts deeper nesting than pack
			}
			t.Fatalf("re-pack: %v", err)
		}
		first := string(enc.Bytes())
		L.SetTop(0)
		n2, err := lseri.Unpack(L, []byte(first))
		if err != nil || n2 != n {
			t.Fatalf("unpack of re-packed %x: %d values, %v", first, n2, err)
		}
		enc.Reset()
		if err := lseri.Pack(&enc, L, 1, n2); err != nil {
			t.Fatalf("second re-pack: %v", err)
		}
		if string(enc.Bytes()) != first {
			t.Fatalf("not stable:\n%x\n%x", first, enc.Bytes())
		}
	})
}
