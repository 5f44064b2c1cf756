package lsproto

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// encode(type, table) -> string.
func lencode(L *lua.LState) int {
	t := checkType(L, 1)
	msg, err := structToGo(L, t, L.CheckTable(2), 0)
	if err != nil {
		raise(L, err)
	}
	b, err := t.Encode(msg)
	if err != nil {
		raise(L, err)
	}
	L.Push(fresh(b))
	return 1
}

// decode(type, string) -> table, bytes used. Bytes after the message are
// ignored, as sproto does.
func ldecode(L *lua.LState) int {
	t := checkType(L, 1)
	m, n, err := t.Decode(view(L.CheckString(2)))
	if err != nil {
		raise(L, err)
	}
	b := builder{L: L}
	tbl, err := b.record(t, m)
	if err != nil {
		raise(L, err)
	}
	L.Push(tbl)
	L.Push(lua.LNumber(n))
	return 2
}

// pack(string) -> string: sproto's 0-packing.
func lpack(L *lua.LState) int {
	L.Push(fresh(sproto.Pack(view(L.CheckString(1)))))
	return 1
}

// unpack(string [, sz]) -> string. The size skynet passes along with a
// message pointer is redundant for a Lua string and ignored.
func lunpack(L *lua.LState) int {
	b, err := sproto.Unpack(view(L.CheckString(1)))
	if err != nil {
		raise(L, err)
	}
	L.Push(fresh(b))
	return 1
}
