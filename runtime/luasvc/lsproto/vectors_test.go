package lsproto_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
)

// The golden vectors were produced by the C/Lua reference; the layout of
// each file is in testdata/vectors/README.md. Every line is replayed
// through the Lua API by a function of testdata/vectors.lua.

func readVectors(t testing.TB, name string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		var v map[string]any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonToLua builds the Lua value a vector describes. Objects keep the
// order of their "$map" entries, which gopher-lua's next() then yields.
func jsonToLua(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(x)
	case string:
		return lua.LString(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			panic(err)
		}
		return lua.LNumber(f)
	case []any:
		t := L.CreateTable(len(x), 0)
		for i, e := range x {
			t.RawSetInt(i+1, jsonToLua(L, e))
		}
		return t
	case map[string]any:
		if h, ok := x["$hex"].(string); ok {
			b, err := hex.DecodeString(h)
			if err != nil {
				panic(err)
			}
			return lua.LString(b)
		}
		if f, ok := x["$float"].(string); ok {
			switch f {
			case "inf":
				return lua.LNumber(math.Inf(1))
			case "-inf":
				return lua.LNumber(math.Inf(-1))
			}
			return lua.LNumber(math.NaN())
		}
		if p, ok := x["$rep"].(string); ok {
			n, _ := x["n"].(json.Number).Int64()
			return lua.LString(strings.Repeat(p, int(n)))
		}
		if entries, ok := x["$map"].([]any); ok {
			t := L.CreateTable(0, len(entries))
			for _, e := range entries {
				kv := e.([]any)
				t.RawSet(jsonToLua(L, kv[0]), jsonToLua(L, kv[1]))
			}
			return t
		}
		t := L.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, jsonToLua(L, e))
		}
		return t
	}
	panic("unexpected JSON value")
}

func TestVectors(t *testing.T) {
	t.Parallel()
	for _, spec := range []struct{ file, replay string }{
		{"sproto.jsonl", "replay_encode"},
		{"sproto_rpc.jsonl", "replay_rpc"},
		{"sproto_pack.jsonl", "replay_pack"},
		{"sproto_schema.jsonl", "replay_schema"},
	} {
		t.Run(spec.file, func(t *testing.T) {
			t.Parallel()
			L := newState(t, &lsproto.Store{})
			if err := L.DoFile("testdata/vectors.lua"); err != nil {
				t.Fatal(err)
			}
			replay := L.GetGlobal(spec.replay)
			vectors := readVectors(t, spec.file)
			if len(vectors) == 0 {
				t.Fatal("no vectors")
			}
			for _, v := range vectors {
				name, _ := v["case"].(string)
				t.Run(name, func(t *testing.T) {
					if err := call(L, replay, jsonToLua(L, v)); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}
