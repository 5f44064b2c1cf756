package lsproto_test

import (
	"encoding/hex"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
)

// FuzzLuaDecode feeds random bytes through the Lua binding: sp:decode,
// sp:pdecode, host:dispatch (requests and responses), responders,
// sproto.unpack and sproto.new. The input comes in two parts, fed alone
// and concatenated, so split seeds also explore truncations and trailing
// bytes; the golden vectors are the seeds.
func FuzzLuaDecode(f *testing.F) {
	for _, spec := range []struct {
		file string
		keys []string
	}{
		{"sproto.jsonl", []string{"hex", "packed_hex"}},
		{"sproto_rpc.jsonl", []string{"hex", "unpacked_hex", "response_hex", "response_unpacked_hex"}},
		{"sproto_schema.jsonl", []string{"hex"}},
	} {
		for _, v := range readVectors(f, spec.file) {
			for _, k := range spec.keys {
				h, _ := v[k].(string)
				b, err := hex.DecodeString(h)
				if err != nil || len(b) == 0 || len(b) > 4096 {
					continue
				}
				f.Add(b, []byte(nil))
				f.Add(b[:len(b)/2], b[len(b)/2:])
			}
		}
	}
	L := newState(f, &lsproto.Store{})
	if err := L.DoFile("testdata/fuzz.lua"); err != nil {
		f.Fatal(err)
	}
	probe := L.GetGlobal("probe")
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, in := range [][]byte{a, b, append(append([]byte(nil), a...), b...)} {
			if err := call(L, probe, lua.LString(in)); err != nil {
				t.Fatalf("input %x: %v", in, err)
			}
		}
	})
}
