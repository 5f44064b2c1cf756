package lsproto

import (
	"fmt"
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// togo.go turns Lua tables into package sproto's message values, guided by
// the schema: the same Lua table is a struct, an array or a map depending
// on the field it sits in, which only the schema knows. Coercions (numeric
// strings, integral floats) and their error messages stay in package
// sproto; this side only decides shapes and reports what Go cannot see,
// such as a function where a value belongs.

// maxDepth matches package sproto's nesting limit (lsproto's
// ENCODE_DEEPLEVEL). Checking it here too stops a table that contains
// itself before it is converted forever.
const maxDepth = 64

var errTooDeep = fmt.Errorf("%w: The table is too deep", sproto.ErrEncode)

// structToGo reads the fields of t from tbl. Like lsproto it reads them by
// name, so __index metamethods apply, and ignores every other key.
func structToGo(L *lua.LState, t *sproto.Type, tbl *lua.LTable, depth int) (map[string]any, error) {
	if depth >= maxDepth {
		return nil, errTooDeep
	}
	out := map[string]any{}
	for i := range t.Fields {
		f := &t.Fields[i]
		var v lua.LValue
		if tbl.Metatable == lua.LNil {
			v = tbl.RawGetString(f.Name)
		} else {
			v = L.GetField(tbl, f.Name)
		}
		if v == lua.LNil {
			continue
		}
		gv, err := fieldToGo(L, t, f, v, depth)
		if err != nil {
			return nil, err
		}
		out[f.Name] = gv
	}
	return out, nil
}

// fieldToGo converts the value of field f of struct t, which sits at
// nesting depth.
func fieldToGo(L *lua.LState, t *sproto.Type, f *sproto.Field, v lua.LValue, depth int) (any, error) {
	if !f.Array {
		return elemToGo(L, t, f, v, 0, depth)
	}
	tbl, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("%w: %s.*%s(1) should be a table (Is a %s)", sproto.ErrEncode, t.Name, f.Name, v.Type())
	}
	if f.IsMap() {
		return mapToGo(L, t, f, tbl, depth)
	}
	// A Lua sequence ends at its first nil.
	out := make([]any, 0, min(tbl.Len(), 1024))
	for i := 1; ; i++ {
		var ev lua.LValue
		if tbl.Metatable == lua.LNil {
			ev = tbl.RawGetInt(i)
		} else {
			ev = L.GetTable(tbl, lua.LNumber(i))
		}
		if ev == lua.LNil {
			return out, nil
		}
		gv, err := elemToGo(L, t, f, ev, i, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, gv)
	}
}

// elemToGo converts one value of f's element kind; index is the array
// position for error messages, 0 outside arrays.
func elemToGo(L *lua.LState, t *sproto.Type, f *sproto.Field, v lua.LValue, index, depth int) (any, error) {
	switch x := v.(type) {
	case lua.LNumber:
		if f.Kind == sproto.Integer && f.Decimal < 0 {
			return number(x), nil
		}
		// Doubles and decimals keep the float, sign of zero included.
		return float64(x), nil
	case lua.LString:
		return string(x), nil
	case lua.LBool:
		return bool(x), nil
	case *lua.LTable:
		if f.Kind == sproto.Struct {
			return structToGo(L, f.Struct, x, depth+1)
		}
		// A table where a scalar belongs: an empty one is enough for
		// package sproto to name the mistake.
		return map[string]any{}, nil
	}
	return nil, fmt.Errorf("%w: %s.%s[%d] is not %s (Is a %s)", sproto.ErrEncode, t.Name, f.Name, index, want(f), v.Type())
}

// mapToGo converts a `*T(key)` or `*T()` field. Entries keep the order
// next() yields them in, so a table built in a given order encodes to the
// same bytes every time.
func mapToGo(L *lua.LState, t *sproto.Type, f *sproto.Field, tbl *lua.LTable, depth int) (*sproto.Map, error) {
	out := sproto.NewMap(0)
	kf, vf := mapFields(f)
	for k, v := tbl.Next(lua.LNil); k != lua.LNil; k, v = tbl.Next(k) {
		if !f.Map {
			// `*T(key)`: the element carries its own key; the table key
			// only has to be distinct, which any Lua key is.
			gv, err := elemToGo(L, t, f, v, out.Len()+1, depth)
			if err != nil {
				return nil, err
			}
			out.Set(mapKey(k), gv)
			continue
		}
		// `*T()`: each entry is written as the pair struct f.Struct.
		if depth+1 >= maxDepth {
			return nil, errTooDeep
		}
		gk, ok := keyToGo(k)
		if !ok {
			return nil, fmt.Errorf("%w: %s.%s[0] is not %s (Is a %s)", sproto.ErrEncode, f.Struct.Name, kf.Name, want(kf), k.Type())
		}
		gv, err := fieldToGo(L, f.Struct, vf, v, depth+1)
		if err != nil {
			return nil, err
		}
		out.Set(gk, gv)
	}
	return out, nil
}

// mapFields returns the key field of a map field's element type and, for
// `*T()`, the value field (the other one of the two).
func mapFields(f *sproto.Field) (key, value *sproto.Field) {
	key = f.Struct.FieldByTag(f.Key)
	if f.Map {
		for i := range f.Struct.Fields {
			if g := &f.Struct.Fields[i]; g != key {
				value = g
			}
		}
	}
	return key, value
}

// mapKey keys a `*T(key)` entry: scalars as themselves, anything else by
// identity (every other Lua value is a pointer, so comparable).
func mapKey(k lua.LValue) any {
	if gk, ok := keyToGo(k); ok {
		return gk
	}
	return k
}

func keyToGo(k lua.LValue) (any, bool) {
	switch x := k.(type) {
	case lua.LNumber:
		return number(x), true
	case lua.LString:
		return string(x), true
	case lua.LBool:
		return bool(x), true
	}
	return nil, false
}

// number gives an integral Lua number in int64 range as int64, the Lua 5.4
// integer it stands for, and any other number as float64.
func number(n lua.LNumber) any {
	f := float64(n)
	if f == math.Trunc(f) && f >= -0x1p63 && f < 0x1p63 {
		return int64(f)
	}
	return f
}

// want names what a field's element kind accepts, in lsproto's words.
func want(f *sproto.Field) string {
	switch f.Kind {
	case sproto.Integer:
		if f.Decimal >= 0 {
			return "a number"
		}
		return "an integer"
	case sproto.Double:
		return "a number"
	case sproto.Boolean:
		return "a boolean"
	case sproto.String:
		return "a string"
	}
	return "a table"
}
