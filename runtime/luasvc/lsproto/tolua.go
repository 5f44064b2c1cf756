package lsproto

import (
	"fmt"
	"math"
	"slices"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// MaxSparseSlots bounds how many array slots one decoded message may make
// gopher-lua allocate for map keys beyond a table's array part. gopher-lua
// keeps every integer key in [1, lua.MaxArrayIndex) in a dense slice (2^26
// by default, 2^20 once package luasvc is linked), so a `*T(id)` entry
// with id 1000000 would cost a million slots from a few bytes of input.
// The bound is lseri's, measured there: hostile input stays around a
// millisecond while sparse keys up to 16384 still decode.
const MaxSparseSlots = 1 << 14

// builder turns decoded values into fresh Lua values. Where the schema is
// known, structs are filled in tag order; otherwise (the result of an RPC
// response, whose type the Go host keeps) in sorted key order. Either way
// the same message builds the same table, pairs() order included.
type builder struct {
	L      *lua.LState
	sparse int // array slots spent on sparse map keys so far
}

// record builds a struct decoded as t (nil when unknown).
func (b *builder) record(t *sproto.Type, m map[string]any) (*lua.LTable, error) {
	tbl := b.L.CreateTable(0, len(m))
	if t == nil {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			v, err := b.value(nil, m[k])
			if err != nil {
				return nil, err
			}
			tbl.RawSetString(k, v)
		}
		return tbl, nil
	}
	for i := range t.Fields {
		f := &t.Fields[i]
		gv, ok := m[f.Name]
		if !ok {
			continue
		}
		v, err := b.value(f, gv)
		if err != nil {
			return nil, err
		}
		tbl.RawSetString(f.Name, v)
	}
	return tbl, nil
}

// value builds one decoded value of field f (nil when unknown).
func (b *builder) value(f *sproto.Field, v any) (lua.LValue, error) {
	switch x := v.(type) {
	case nil:
		return lua.LNil, nil
	case bool:
		return lua.LBool(x), nil
	case int64:
		return integer(x)
	case float64:
		return lua.LNumber(x), nil
	case string:
		return lua.LString(x), nil
	case []byte:
		return lua.LString(string(x)), nil
	case map[string]any:
		var t *sproto.Type
		if f != nil {
			t = f.Struct
		}
		return b.record(t, x)
	case []any:
		tbl := b.L.CreateTable(len(x), 0)
		for i, e := range x {
			ev, err := b.value(f, e)
			if err != nil {
				return nil, err
			}
			tbl.RawSetInt(i+1, ev)
		}
		return tbl, nil
	case *sproto.Map:
		return b.mapping(f, x)
	}
	return nil, fmt.Errorf("%w: unexpected decoded value %T", sproto.ErrDecode, v)
}

// mapping builds a map field: a table keyed by each entry's key.
func (b *builder) mapping(f *sproto.Field, m *sproto.Map) (*lua.LTable, error) {
	ef := f // `*T(key)`: the values are f's element structs
	if f != nil && f.Map {
		_, ef = mapFields(f)
	}
	tbl := b.L.CreateTable(0, m.Len())
	alen := 0 // length of the array slice gopher-lua keeps, grown only here
	for k, v := range m.All() {
		lk, err := b.key(k)
		if err != nil {
			return nil, err
		}
		lv, err := b.value(ef, v)
		if err != nil {
			return nil, err
		}
		if n, ok := lk.(lua.LNumber); ok {
			if i := float64(n); i >= 1 && i < float64(lua.MaxArrayIndex) && i == math.Trunc(i) && int(i) > alen {
				b.sparse += int(i) - alen - 1
				if b.sparse > MaxSparseSlots {
					return nil, fmt.Errorf("%w: key %d would take the message to %d array slots (limit %d)",
						ErrSparseKey, int(i), b.sparse, MaxSparseSlots)
				}
				alen = int(i)
			}
		}
		tbl.RawSet(lk, lv)
	}
	return tbl, nil
}

func (b *builder) key(k any) (lua.LValue, error) {
	switch x := k.(type) {
	case int64:
		return integer(x)
	case float64:
		if math.IsNaN(x) {
			return nil, ErrNaNKey
		}
		return lua.LNumber(x), nil
	case string:
		return lua.LString(x), nil
	case bool:
		return lua.LBool(x), nil
	}
	return nil, fmt.Errorf("%w: unexpected map key %T", sproto.ErrDecode, k)
}

// integer converts a wire integer, refusing one a float64 would round.
func integer(n int64) (lua.LValue, error) {
	f := float64(n)
	// f >= 2^63 catches values near MaxInt64 that round up, where the
	// conversion back to int64 would be undefined.
	if f >= 0x1p63 || int64(f) != n {
		return nil, &InexactIntegerError{Value: n}
	}
	return lua.LNumber(f), nil
}
