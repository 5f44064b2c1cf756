package lseri

import (
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// Pack appends the values at stack positions first..last of L (absolute
// indices, as a GFunction sees its arguments) to enc, as skynet.pack does.
// An empty range packs nothing. On error enc must be Reset before reuse.
func Pack(enc *seri.Encoder, L *lua.LState, first, last int) error {
	p := packer{enc: enc, L: L}
	for i := first; i <= last; i++ {
		if err := p.value(L.Get(i)); err != nil {
			return err
		}
	}
	return nil
}

// PackValues appends vals to enc. L is only used to call __pairs
// metamethods; it may be nil when no value has one.
func PackValues(enc *seri.Encoder, L *lua.LState, vals ...lua.LValue) error {
	p := packer{enc: enc, L: L}
	for _, v := range vals {
		if err := p.value(v); err != nil {
			return err
		}
	}
	return nil
}

type packer struct {
	enc *seri.Encoder
	L   *lua.LState
}

func (p *packer) value(v lua.LValue) error {
	switch x := v.(type) {
	case nil, *lua.LNilType:
		return p.enc.WriteNil()
	case lua.LBool:
		return p.enc.WriteBool(bool(x))
	case lua.LNumber:
		return writeNumber(p.enc, float64(x))
	case lua.LString:
		return p.enc.WriteString(string(x))
	case *lua.LTable:
		return p.table(x)
	case *lua.LUserData:
		if u, ok := x.Value.(seri.Userdata); ok {
			return p.enc.WriteUserdata(uint64(u))
		}
	}
	// Depth first, like skynet: an unsupported value nested too deep
	// reports the depth error.
	if p.enc.Depth() > seri.MaxDepth {
		return seri.ErrTooDeep
	}
	return &seri.UnsupportedTypeError{Type: v.Type().String()}
}

// writeNumber stands in for Lua 5.4's integer subtype, which gopher-lua
// lacks: integral values in int64 range go out as integers (what a skynet
// peer would send for 1, 42, -7), everything else as a real. -2^63 is
// included because it converts exactly.
func writeNumber(enc *seri.Encoder, f float64) error {
	if f >= -0x1p63 && f < 0x1p63 && f == math.Trunc(f) {
		return enc.WriteInt(int64(f))
	}
	return enc.WriteReal(f)
}

func (p *packer) table(t *lua.LTable) error {
	if mt, ok := t.Metatable.(*lua.LTable); ok {
		if fn := mt.RawGetString("__pairs"); fn != lua.LNil {
			return p.metaPairs(t, fn)
		}
	}
	n := t.Len()
	if err := p.enc.BeginTable(n); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		if err := p.value(t.RawGetInt(i)); err != nil {
			return err
		}
	}
	// Next walks pairs in insertion order (gopher-lua keeps a key list),
	// so the same table always packs to the same bytes. Starting from key
	// n skips the array part already written; gopher-lua's Next treats a
	// nil start as key 0, which is only correct when n is 0.
	var k lua.LValue = lua.LNil
	if n > 0 {
		k = lua.LNumber(n)
	}
	for {
		var v lua.LValue
		k, v = t.Next(k)
		if k == lua.LNil {
			break
		}
		if num, ok := k.(lua.LNumber); ok && inArray(float64(num), n) {
			continue
		}
		if err := p.value(k); err != nil {
			return err
		}
		if err := p.value(v); err != nil {
			return err
		}
	}
	return p.enc.EndTable()
}

func inArray(f float64, n int) bool {
	return f >= 1 && f <= float64(n) && f == math.Trunc(f)
}

// metaPairs follows skynet: a table with __pairs has no array part and
// every pair the iterator yields, integer keys included, goes to the hash
// part. Errors raised by Lua code come back as *lua.ApiError; re-raising
// its Object keeps the original Lua error value.
func (p *packer) metaPairs(t *lua.LTable, fn lua.LValue) error {
	L := p.L
	if L == nil {
		return ErrNoState
	}
	if err := p.enc.BeginTable(0); err != nil {
		return err
	}
	L.Push(fn)
	L.Push(t)
	if err := L.PCall(1, 3, nil); err != nil {
		return err
	}
	iter, state, ctl := L.Get(-3), L.Get(-2), L.Get(-1)
	L.Pop(3)
	for {
		L.Push(iter)
		L.Push(state)
		L.Push(ctl)
		if err := L.PCall(2, 2, nil); err != nil {
			return err
		}
		k, v := L.Get(-2), L.Get(-1)
		L.Pop(2)
		if k == lua.LNil {
			break
		}
		if err := p.value(k); err != nil {
			return err
		}
		if err := p.value(v); err != nil {
			return err
		}
		ctl = k
	}
	return p.enc.EndTable()
}
