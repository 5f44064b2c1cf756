package compat

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

// Lua 5.3 integer functions over float64 numbers. An "integer" here is a
// number with an exact int64 value; the VM cannot tell 3 from 3.0.

// maxInteger stands for math.maxinteger. 2^63-1 itself has no float64
// form (it rounds to 2^63, outside int64), so this is the largest float64
// below 2^63: 2^63-1024. It is integral, converts to int64 exactly, and
// keeps "math.maxinteger > 2^53" true. mininteger, -2^63, is exact.
const (
	maxInteger = twoTo63 - 1024
	minInteger = -twoTo63
)

// mathType returns "integer", "float", or nil for non-numbers. Integral
// values within int64 range count as integers even when Lua 5.3 would have
// produced a float (math.type(1.0) is "integer" here, "float" there).
func mathType(L *lua.LState) int {
	v := checkAny(L, 1, "type")
	n, ok := v.(lua.LNumber)
	switch {
	case !ok:
		L.Push(lua.LNil)
	case isInteger(float64(n)):
		L.Push(lua.LString("integer"))
	default:
		L.Push(lua.LString("float"))
	}
	return 1
}

func isInteger(f float64) bool {
	_, ok := floatToInt(f)
	return ok
}

// mathToInteger returns its argument when it has an integer value and nil
// (Lua's fail) otherwise. Numeric strings convert, as lua_tointegerx does.
func mathToInteger(L *lua.LState) int {
	v := checkAny(L, 1, "tointeger")
	if f, ok := toNumber(v); ok && isInteger(f) {
		L.Push(lua.LNumber(f))
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

// mathUlt compares as unsigned 64-bit integers.
func mathUlt(L *lua.LState) int {
	m := checkInt(L, 1, "ult")
	n := checkInt(L, 2, "ult")
	L.Push(lua.LBool(uint64(m) < uint64(n)))
	return 1
}

// mathLog adds Lua 5.2's optional base, which gopher-lua ignores.
func mathLog(L *lua.LState) int {
	x, err := numberArg(L, 1)
	if err != nil {
		raise(L, "log", err)
	}
	if L.Get(2) == lua.LNil {
		L.Push(lua.LNumber(math.Log(x)))
		return 1
	}
	base, err := numberArg(L, 2)
	if err != nil {
		raise(L, "log", err)
	}
	var r float64
	switch base {
	case 2:
		r = math.Log2(x)
	case 10:
		r = math.Log10(x)
	default:
		r = math.Log(x) / math.Log(base)
	}
	L.Push(lua.LNumber(r))
	return 1
}

func openMath(L *lua.LState, m *lua.LTable) {
	register(L, m,
		fn{"type", mathType},
		fn{"tointeger", mathToInteger},
		fn{"ult", mathUlt},
		fn{"log", mathLog},
	)
	m.RawSetString("maxinteger", lua.LNumber(maxInteger))
	m.RawSetString("mininteger", lua.LNumber(minInteger))
	// gopher-lua sets huge to math.MaxFloat64; Lua's is HUGE_VAL, +Inf.
	m.RawSetString("huge", lua.LNumber(math.Inf(1)))
}
