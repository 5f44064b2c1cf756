package compat

import lua "github.com/yuin/gopher-lua"

// OpenBase installs only the base-library functions (xpcall with
// arguments, load with an env, collectgarbage). Hosts that share the other
// library tables between states call it per state and OpenLibraries once.
func OpenBase(L *lua.LState) { openBase(L) }

// OpenLibraries installs the table, string, math, coroutine and utf8
// additions into L's library tables.
func OpenLibraries(L *lua.LState) {
	openTable(L, libTable(L, "table"))
	openString(L, libTable(L, "string"))
	openMath(L, libTable(L, "math"))
	openCoroutine(L, libTable(L, "coroutine"))
	openUTF8(L)
}
