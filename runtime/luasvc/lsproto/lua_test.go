package lsproto_test

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
	"github.com/skyconsole/skyconsole/scripts"
)

const vectorDir = "../../../testdata/vectors"

// newState returns a plain gopher-lua state where require finds
// "sproto.core" (backed by store) and the embedded sproto, sprotoparser
// and sprotoloader, with the helpers of testdata/prelude.lua loaded.
func newState(t testing.TB, store *lsproto.Store) *lua.LState {
	t.Helper()
	L := lua.NewState()
	t.Cleanup(L.Close)
	preloadModules(t, L, store)
	L.SetGlobal("VECTORS", lua.LString(vectorDir+"/"))
	if err := L.DoFile("testdata/prelude.lua"); err != nil {
		t.Fatal(err)
	}
	return L
}

func preloadModules(t testing.TB, L *lua.LState, store *lsproto.Store) {
	t.Helper()
	open := lsproto.Open(store)
	preload := L.GetField(L.GetGlobal("package"), "preload").(*lua.LTable)
	preload.RawSetString("sproto.core", L.NewFunction(func(L *lua.LState) int { return open(nil, L) }))
	for _, name := range []string{"sproto", "sprotoparser", "sprotoloader"} {
		src, err := fs.ReadFile(scripts.FS, "lualib/"+name+".lua")
		if err != nil {
			t.Fatal(err)
		}
		fn, err := L.Load(bytes.NewReader(src), "@lualib/"+name+".lua")
		if err != nil {
			t.Fatal(err)
		}
		preload.RawSetString(name, fn)
	}
}

// call runs fn(args...) with a traceback on error.
func call(L *lua.LState, fn lua.LValue, args ...lua.LValue) error {
	tb := L.GetField(L.GetGlobal("debug"), "traceback").(*lua.LFunction)
	return L.CallByParam(lua.P{Fn: fn, NRet: 0, Protect: true, Handler: tb}, args...)
}

// TestLua runs every test(name, fn) case of the Lua test files.
func TestLua(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"rpc.lua", "types.lua", "hostile.lua", "loader.lua"} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			L := newState(t, &lsproto.Store{})
			if err := L.DoFile(filepath.Join("testdata", file)); err != nil {
				t.Fatal(err)
			}
			cases := L.GetGlobal("tests").(*lua.LTable)
			if cases.Len() == 0 {
				t.Fatal("no test cases")
			}
			for i := 1; i <= cases.Len(); i++ {
				c := cases.RawGetInt(i).(*lua.LTable)
				t.Run(c.RawGetString("name").String(), func(t *testing.T) {
					if err := call(L, c.RawGetString("fn")); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}
