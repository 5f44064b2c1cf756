package lseri

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// MaxSparseSlots bounds how many array slots one Unpack may make gopher-lua
// allocate for integer keys beyond a table's array part. gopher-lua stores
// every integer key in [1, lua.MaxArrayIndex) (2^20 here) in a dense slice, so t[k] = v grows the
// slice to k entries, one append at a time; without a bound a twelve-byte
// message holding key 60000000 would cost a gigabyte and seconds of CPU
// (measured under load: key 2^16 already allocates 5.5 MB and takes tens
// of milliseconds). 2^14 slots keeps a hostile message to about a
// millisecond while still admitting sparse keys up to 16384.
const MaxSparseSlots = 1 << 14

// Unpack decodes data, pushes every value on L's stack and returns how many
// it pushed, ready to be returned from a GFunction. Empty data pushes
// nothing. On error nothing is left pushed.
//
// Strings become Lua strings and tables fresh tables. Light userdata
// becomes a new *lua.LUserData whose Value is a seri.Userdata (which
// Pack writes back unchanged). Pushing more values than L's registry holds
// raises gopher-lua's "registry overflow" Lua error, as unpack() does.
func Unpack(L *lua.LState, data []byte) (int, error) {
	top := L.GetTop()
	u := unpacker{L: L}
	u.d.Reset(data)
	n := 0
	for u.d.More() {
		v, err := u.value()
		if err != nil {
			L.SetTop(top)
			return 0, err
		}
		L.Push(v)
		n++
	}
	return n, nil
}

type unpacker struct {
	L      *lua.LState
	d      seri.Decoder
	sparse int // array slots spent on integer keys past the array part
}

func (u *unpacker) value() (lua.LValue, error) {
	h, err := u.d.Next()
	if err != nil {
		return nil, err
	}
	return u.build(h)
}

func (u *unpacker) build(h seri.Value) (lua.LValue, error) {
	switch h.Kind {
	case seri.KindBool:
		return lua.LBool(h.Bool), nil
	case seri.KindInt:
		f := float64(h.Int)
		// f >= 2^63 catches values near MaxInt64 that round up, where the
		// conversion back to int64 would be undefined.
		if f >= 0x1p63 || int64(f) != h.Int {
			return nil, &InexactIntegerError{Value: h.Int}
		}
		return lua.LNumber(f), nil
	case seri.KindReal:
		return lua.LNumber(h.Real), nil
	case seri.KindString:
		return lua.LString(h.Str), nil
	case seri.KindUserdata:
		ud := u.L.NewUserData()
		ud.Value = seri.Userdata(h.Pointer)
		return ud, nil
	case seri.KindTable:
		return u.table(h.ArrayLen)
	}
	return lua.LNil, nil
}

func (u *unpacker) table(n int) (*lua.LTable, error) {
	// n is bounded by the input left (the decoder checks), so this
	// preallocation is safe.
	t := u.L.CreateTable(n, 0)
	for i := 1; i <= n; i++ {
		v, err := u.value()
		if err != nil {
			return nil, err
		}
		t.RawSetInt(i, v)
	}
	alen := n // length of gopher-lua's array slice, which we alone grow
	for {
		kh, ok, err := u.d.NextKey()
		if err != nil {
			return nil, err
		}
		if !ok {
			return t, nil
		}
		k, err := u.build(kh)
		if err != nil {
			return nil, err
		}
		v, err := u.value()
		if err != nil {
			return nil, err
		}
		if idx, ok := arrayKey(k); ok && idx > alen {
			if v == lua.LNil {
				continue // absent key set to nil: nothing to do
			}
			u.sparse += idx - alen - 1
			if u.sparse > MaxSparseSlots {
				return nil, fmt.Errorf("%w: key %d would take the message to %d array slots (limit %d)",
					ErrSparseKey, idx, u.sparse, MaxSparseSlots)
			}
			alen = idx
		}
		t.RawSet(k, v)
	}
}

// arrayKey mirrors gopher-lua's rule for keys it keeps in the array slice.
func arrayKey(k lua.LValue) (int, bool) {
	num, ok := k.(lua.LNumber)
	if !ok {
		return 0, false
	}
	f := float64(num)
	if f >= 1 && f < float64(lua.MaxArrayIndex) && f == float64(int(f)) {
		return int(f), true
	}
	return 0, false
}
