package lseri_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/seri"

	"github.com/skyconsole/skyconsole/internal/vectorfmt"
)

// typed is the README's tagged JSON value (testdata/vectors/README.md).
type typed = vectorfmt.Typed

// builder turns typed JSON into Lua values. It records why a value cannot
// travel through a float64-only Lua unchanged (an integral float, which
// the bridge sends as an integer; an integer float64 cannot hold; a border
// gopher-lua computes differently) so byte comparisons can be skipped.
type builder struct {
	L       *lua.LState
	lossy   string // first reason the Lua value packs differently
	inexact bool   // an integer float64 cannot hold: Unpack must refuse it
}

func (b *builder) lose(why string) {
	if b.lossy == "" {
		b.lossy = why
	}
}

func (b *builder) list(tb testing.TB, raws []json.RawMessage) []lua.LValue {
	tb.Helper()
	var out []lua.LValue
	for _, r := range raws {
		v, err := b.value(r)
		if errors.Is(err, errUnknownType) {
			tb.Skip(err)
		}
		if err != nil {
			tb.Fatalf("bad typed value %s: %v", r, err)
		}
		out = append(out, v)
	}
	return out
}

func (b *builder) value(raw json.RawMessage) (lua.LValue, error) {
	var t typed
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	switch t.T {
	case "nil":
		return lua.LNil, nil
	case "bool":
		var v bool
		err := json.Unmarshal(t.V, &v)
		return lua.LBool(v), err
	case "int":
		var s string
		if err := json.Unmarshal(t.V, &s); err != nil {
			return nil, err
		}
		n, err := strconv.ParseInt(s, 10, 64)
		f := float64(n)
		if f >= 0x1p63 || int64(f) != n {
			b.lose("integer " + s + " is not exact as float64")
			b.inexact = true
		}
		return lua.LNumber(f), err
	case "float":
		u, err := strconv.ParseUint(t.Bits, 16, 64)
		f := math.Float64frombits(u)
		if f >= -0x1p63 && f < 0x1p63 && f == math.Trunc(f) {
			b.lose(fmt.Sprintf("integral float %v packs as an integer", f))
		}
		return lua.LNumber(f), err
	case "str":
		s, err := t.Str()
		return lua.LString(s), err
	case "lightuserdata":
		var s string
		if err := json.Unmarshal(t.V, &s); err != nil {
			return nil, err
		}
		p, err := vectorfmt.ParsePointer(s)
		ud := b.L.NewUserData()
		ud.Value = seri.Userdata(p)
		return ud, err
	case "table":
		return b.table(t)
	case "function":
		return b.L.NewFunction(func(*lua.LState) int { return 0 }), nil
	case "thread":
		co, _ := b.L.NewThread()
		return co, nil
	case "userdata":
		return b.L.NewUserData(), nil
	}
	return nil, fmt.Errorf("%w %q", errUnknownType, t.T)
}

// errUnknownType marks a typed value this test cannot build; such vectors
// are skipped rather than failed, the seri tests still cover their bytes.
var errUnknownType = errors.New("unknown typed value")

func (b *builder) table(t typed) (lua.LValue, error) {
	tbl := b.L.NewTable()
	for i, e := range t.Array {
		v, err := b.value(e)
		if err != nil {
			return nil, err
		}
		tbl.RawSetInt(i+1, v)
	}
	var keys, vals []lua.LValue
	for _, kv := range t.Hash {
		k, err := b.value(kv[0])
		if err != nil {
			return nil, err
		}
		v, err := b.value(kv[1])
		if err != nil {
			return nil, err
		}
		keys, vals = append(keys, k), append(vals, v)
		if !t.Pairs {
			tbl.RawSet(k, v)
		}
	}
	if t.Pairs {
		// Replay the recorded pairs, in order, through __pairs.
		mt := b.L.NewTable()
		mt.RawSetString("__pairs", b.L.NewFunction(func(L *lua.LState) int {
			i := 0
			L.Push(L.NewFunction(func(L *lua.LState) int {
				if i >= len(keys) {
					L.Push(lua.LNil)
					return 1
				}
				L.Push(keys[i])
				L.Push(vals[i])
				i++
				return 2
			}))
			L.Push(tbl)
			L.Push(lua.LNil)
			return 3
		}))
		tbl.Metatable = mt
	} else if tbl.Len() != len(t.Array) {
		b.lose(fmt.Sprintf("gopher-lua border %d differs from Lua 5.4's %d", tbl.Len(), len(t.Array)))
	}
	return tbl, nil
}

// luaEqual compares structurally. Table keys that are themselves tables
// are matched by structure, since unpack makes fresh ones.
func luaEqual(a, b lua.LValue) bool {
	switch x := a.(type) {
	case lua.LNumber:
		y, ok := b.(lua.LNumber)
		return ok && (x == y || (x != x && y != y))
	case *lua.LUserData:
		y, ok := b.(*lua.LUserData)
		return ok && x.Value == y.Value
	case *lua.LTable:
		y, ok := b.(*lua.LTable)
		if !ok || pairCount(x) != pairCount(y) {
			return false
		}
		same := true
		x.ForEach(func(k, v lua.LValue) {
			if !same {
				return
			}
			if _, isTable := k.(*lua.LTable); !isTable {
				same = luaEqual(v, y.RawGet(k))
				return
			}
			found := false
			y.ForEach(func(k2, v2 lua.LValue) {
				found = found || (luaEqual(k, k2) && luaEqual(v, v2))
			})
			same = found
		})
		return same
	}
	return a == b
}

func pairCount(t *lua.LTable) int {
	n := 0
	t.ForEach(func(lua.LValue, lua.LValue) { n++ })
	return n
}
