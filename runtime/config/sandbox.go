package config

import lua "github.com/yuin/gopher-lua"

// visibleGlobals lists what a config may read besides its own keys.
// Everything that reads files or reaches the real global table (dofile,
// loadfile, load, require, getfenv, ...) is left out, and so is print: a
// config is data, and output would corrupt the TUI.
func visibleGlobals() []string {
	return []string{
		"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
		"rawequal", "rawget", "rawset", "select", "setmetatable", "tonumber",
		"tostring", "type", "unpack", "xpcall", "_VERSION",
		lua.TabLibName, lua.StringLibName, lua.MathLibName,
	}
}

// newSandbox returns a fresh state with only the base, string, table and
// math libraries opened (no os, io, package), and a table holding what a
// config may read from them.
func newSandbox() (*lua.LState, *lua.LTable) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	libs := L.NewTable()
	for _, name := range visibleGlobals() {
		libs.RawSetString(name, L.GetGlobal(name))
	}
	return L, libs
}
