package lsproto

import (
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// newproto(bundle) -> schema: load a binary bundle (sprotoparser output).
func (m *module) lnewproto(L *lua.LState) int {
	// Copied rather than viewed: the schema outlives this call.
	s, err := sproto.Load([]byte(L.CheckString(1)))
	if err != nil {
		raise(L, err)
	}
	L.Push(newUserData(L, s, schemaMeta))
	return 1
}

// deleteproto(schema): a no-op kept for scripts written against lsproto,
// where it frees the C object; here the garbage collector does.
func ldeleteproto(L *lua.LState) int {
	checkSchema(L, 1)
	return 0
}

// parse(text [, name]) -> bundle: compile schema text, byte for byte what
// sprotoparser.parse returns; name labels syntax errors.
func lparse(L *lua.LState) int {
	b, err := sproto.ParseBundle(L.CheckString(1), L.OptString(2, ""))
	if err != nil {
		raise(L, err)
	}
	L.Push(fresh(b))
	return 1
}

// saveproto(schema, index): publish a schema to every state of the Store.
func (m *module) lsaveproto(L *lua.LState) int {
	s := checkSchema(L, 1)
	if err := m.store.Save(L.CheckInt(2), s); err != nil {
		raise(L, err)
	}
	return 0
}

// loadproto(index) -> schema.
func (m *module) lloadproto(L *lua.LState) int {
	s, err := m.store.Load(L.CheckInt(1))
	if err != nil {
		raise(L, err)
	}
	L.Push(newUserData(L, s, schemaMeta))
	return 1
}

// querytype(schema, name) -> type or nil.
func lquerytype(L *lua.LState) int {
	s := checkSchema(L, 1)
	pushType(L, s.Type(L.CheckString(2)))
	return 1
}

// protocol(schema, name|tag) -> tag|name, request, response, confirm.
// Asked by name it returns the tag and by tag the name; request and
// response are types or nil; confirm is true for `response nil`, a reply
// with no body. An unknown protocol returns nothing.
func lprotocol(L *lua.LState) int {
	s := checkSchema(L, 1)
	var p *sproto.Protocol
	switch k := L.Get(2).(type) {
	case lua.LNumber:
		if f := float64(k); f == math.Trunc(f) && math.Abs(f) <= math.MaxInt32 {
			p = s.ProtocolByTag(int(f))
		}
		if p == nil {
			return 0
		}
		L.Push(lua.LString(p.Name))
	case lua.LString:
		if p = s.Protocol(string(k)); p == nil {
			return 0
		}
		L.Push(lua.LNumber(p.Tag))
	default:
		L.ArgError(2, "protocol name or tag expected, got "+k.Type().String())
	}
	pushType(L, p.Request)
	pushType(L, p.Response)
	L.Push(lua.LBool(p.Confirm))
	return 4
}

// default(type) -> table: every field at its zero value. Arrays and maps
// are empty tables, a nested struct is a table naming its type in
// __type.
func ldefault(L *lua.LState) int {
	t := checkType(L, 1)
	out := L.CreateTable(0, len(t.Fields))
	for i := range t.Fields {
		f := &t.Fields[i]
		var v lua.LValue
		switch {
		case f.Array:
			v = L.NewTable()
		case f.Kind == sproto.Integer || f.Kind == sproto.Double:
			v = lua.LNumber(0)
		case f.Kind == sproto.Boolean:
			v = lua.LFalse
		case f.Kind == sproto.String:
			v = lua.LString("")
		case f.Kind == sproto.Struct:
			sub := L.CreateTable(0, 1)
			sub.RawSetString("__type", lua.LString(f.Struct.Name))
			v = sub
		}
		out.RawSetString(f.Name, v)
	}
	L.Push(out)
	return 1
}
