package compat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// newState opens exactly the libraries Open documents as expected, plus
// package (for require), then the prelude.
func newState(t testing.TB) *lua.LState {
	t.Helper()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	t.Cleanup(L.Close)
	libs := []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.CoroutineLibName, lua.OpenCoroutine},
		{lua.OsLibName, lua.OpenOs},
	}
	for _, lib := range libs {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	Open(L)
	return L
}

// TestLuaFiles runs every testdata/*.lua file as a specification. Files
// whose names start with '_' are helpers loaded before each test.
func TestLuaFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.lua"))
	if err != nil {
		t.Fatal(err)
	}
	helpers, err := os.ReadFile(filepath.Join("testdata", "_helpers.lua"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(strings.TrimSuffix(name, ".lua"), func(t *testing.T) {
			t.Parallel()
			L := newState(t)
			if err := L.DoString(string(helpers)); err != nil {
				t.Fatalf("helpers: %v", err)
			}
			if err := L.DoFile(file); err != nil {
				t.Fatal(err)
			}
		})
	}
}
