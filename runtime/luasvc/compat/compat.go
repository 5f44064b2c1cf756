package compat

import (
	lua "github.com/yuin/gopher-lua"
)

// fn is one entry of a function table. Tables are written as argument lists
// at the call site rather than package-level maps: a map would be mutable
// package state, and building one per Open would cost allocations.
type fn struct {
	name string
	f    lua.LGFunction
}

// register sets each function as a field of t.
func register(L *lua.LState, t *lua.LTable, fns ...fn) {
	for _, e := range fns {
		t.RawSetString(e.name, L.NewFunction(e.f))
	}
}

// Open installs the Lua 5.3/5.4 compatibility functions into L.
//
// L should already have the base, table, string, math and coroutine
// libraries open (os is expected by callers but not touched here). Open
// overrides some of their functions in place; a library table that is
// missing is created, so the new functions are still reachable. Open does
// not compile any Lua, and calling it again on the same state is harmless.
func Open(L *lua.LState) {
	openBase(L)
	openTable(L, libTable(L, "table"))
	openString(L, libTable(L, "string"))
	openMath(L, libTable(L, "math"))
	openCoroutine(L, libTable(L, "coroutine"))
	openUTF8(L)
}

// libTable returns the global library table name, creating it if absent.
func libTable(L *lua.LState, name string) *lua.LTable {
	if t, ok := L.GetGlobal(name).(*lua.LTable); ok {
		return t
	}
	t := L.NewTable()
	L.SetGlobal(name, t)
	return t
}

func openBase(L *lua.LState) {
	register(L, L.G.Global,
		fn{"xpcall", baseXPCall},
		fn{"load", baseLoad},
		fn{"collectgarbage", baseCollectGarbage},
	)
	if orig, ok := L.GetGlobal("pairs").(*lua.LFunction); ok {
		L.SetGlobal("pairs", L.NewFunction(metaPairs(orig)))
	}
}

// metaPairs is pairs honouring a __pairs metamethod (Lua 5.2 on): skynet
// code gives proxy tables one, and skynet.pack already follows it. Other
// values go to gopher-lua's own pairs, called as a Lua function because it
// keeps next as an upvalue.
func metaPairs(orig *lua.LFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		v := L.CheckAny(1)
		if mm, ok := L.GetMetaField(v, "__pairs").(*lua.LFunction); ok {
			L.Push(mm)
			L.Push(v)
			L.Call(1, 3)
			return 3
		}
		L.Push(orig)
		L.Push(v)
		L.Call(1, 3)
		return 3
	}
}

func openTable(L *lua.LState, t *lua.LTable) {
	register(L, t,
		fn{"pack", tabPack},
		fn{"unpack", tabUnpack},
		fn{"move", tabMove},
	)
}

// openString adds the functions to the string table, and to the table that
// string values index through, in case someone has pointed the string
// metatable elsewhere. gopher-lua normally uses the same table for both, so
// ("<i4"):pack(1) works without further setup.
func openString(L *lua.LState, s *lua.LTable) {
	strFns := []fn{
		{"pack", strPack},
		{"packsize", strPackSize},
		{"unpack", strUnpack},
		{"format", strFormat},
	}
	register(L, s, strFns...)
	mt, ok := L.GetMetatable(lua.LString("")).(*lua.LTable)
	if !ok {
		mt = L.CreateTable(0, 1)
		mt.RawSetString("__index", s)
		L.SetMetatable(lua.LString(""), mt)
		return
	}
	if idx, ok := mt.RawGetString("__index").(*lua.LTable); ok && idx != s {
		register(L, idx, strFns...)
	}
}
