package compat

import (
	lua "github.com/yuin/gopher-lua"
)

// table.pack, table.unpack and table.move. Like Lua 5.3 they go through
// __index/__newindex when the table has a metatable; plain tables take a
// raw fast path, which is the common case in skynet code.

// maxUnpack mirrors LUAI_MAXSTACK: more results than this is an error, not
// an attempt to grow the stack without bound.
const maxUnpack = 1000000

func tabPack(L *lua.LState) int {
	n := L.GetTop()
	t := L.CreateTable(n, 1)
	for i := 1; i <= n; i++ {
		t.RawSetInt(i, L.Get(i))
	}
	t.RawSetString("n", lua.LNumber(n))
	L.Push(t)
	return 1
}

func tabUnpack(L *lua.LState) int {
	t := L.Get(1)
	if err := checkIndexable(L, 1, t, "__index"); err != nil {
		raise(L, "unpack", err)
	}
	i := optInt(L, 2, "unpack", 1)
	var e int64
	if L.Get(3) == lua.LNil {
		e = int64(L.ObjLen(t))
	} else {
		e = checkInt(L, 3, "unpack")
	}
	if i > e {
		return 0
	}
	// Unsigned arithmetic as in C, so e-i cannot overflow.
	n := uint64(e) - uint64(i)
	if n >= maxUnpack {
		raise(L, "unpack", errTooManyResults)
	}
	for k := i; ; k++ {
		L.Push(getIndex(L, t, k))
		if k == e {
			break
		}
	}
	return int(n) + 1
}

func tabMove(L *lua.LState) int {
	a1 := L.Get(1)
	f := checkInt(L, 2, "move")
	e := checkInt(L, 3, "move")
	t := checkInt(L, 4, "move")
	dst := a1
	if L.Get(5) != lua.LNil {
		dst = L.Get(5)
	}
	if err := checkIndexable(L, 1, a1, "__index"); err != nil {
		raise(L, "move", err)
	}
	dpos := 1
	if dst != a1 {
		dpos = 5
	}
	if err := checkIndexable(L, dpos, dst, "__newindex"); err != nil {
		raise(L, "move", err)
	}
	if e >= f {
		const maxInt = int64(^uint64(0) >> 1)
		if !(f > 0 || e < maxInt+f) {
			raise(L, "move", badArg(3, errTooManyToMove))
		}
		n := e - f + 1
		if t > maxInt-n+1 {
			raise(L, "move", badArg(4, errWrapAround))
		}
		// Copy backwards when the ranges overlap with the destination
		// ahead of the source, so nothing is overwritten before it is read.
		if t > e || t <= f || (dst != a1 && !L.Equal(a1, dst)) {
			for i := int64(0); i < n; i++ {
				setIndex(L, dst, t+i, getIndex(L, a1, f+i))
			}
		} else {
			for i := n - 1; i >= 0; i-- {
				setIndex(L, dst, t+i, getIndex(L, a1, f+i))
			}
		}
	}
	L.Push(dst)
	return 1
}

// checkIndexable is lstrlib's checktab: a table, or anything whose
// metatable supplies the needed metamethod.
func checkIndexable(L *lua.LState, pos int, v lua.LValue, event string) error {
	if _, ok := v.(*lua.LTable); ok {
		return nil
	}
	if v != lua.LNil && L.GetMetaField(v, event) != lua.LNil {
		return nil
	}
	return typeError(L, pos, "table")
}

// plainTable returns v as a table when no metamethod can intercept access.
func plainTable(v lua.LValue) (*lua.LTable, bool) {
	t, ok := v.(*lua.LTable)
	if !ok || t.Metatable != lua.LNil {
		return nil, false
	}
	return t, true
}

// getIndex is lua_geti.
func getIndex(L *lua.LState, v lua.LValue, k int64) lua.LValue {
	if t, ok := plainTable(v); ok {
		if k >= 1 && k < int64(lua.MaxArrayIndex) {
			return t.RawGetInt(int(k)) // avoids boxing the key
		}
		return t.RawGetH(lua.LNumber(k))
	}
	return L.GetTable(v, lua.LNumber(k))
}

// setIndex is lua_seti.
func setIndex(L *lua.LState, v lua.LValue, k int64, val lua.LValue) {
	if t, ok := plainTable(v); ok {
		if k >= 1 && k < int64(lua.MaxArrayIndex) {
			t.RawSetInt(int(k), val) // avoids boxing the key
			return
		}
		// beyond the array part, and beyond int on 32-bit platforms
		t.RawSet(lua.LNumber(k), val)
		return
	}
	L.SetTable(v, lua.LNumber(k), val)
}
