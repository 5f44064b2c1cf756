package compat

import (
	lua "github.com/yuin/gopher-lua"
)

// Argument checking in the style of lauxlib. The *Arg helpers return errors
// so that longer routines (pack, format) can stay free of panics; the check*
// helpers raise at once for bindings that have nothing to unwind.

// numberArg is luaL_checknumber without the unwinding: it returns an error
// that raise knows how to word.
func numberArg(L *lua.LState, pos int) (float64, error) {
	if f, ok := toNumber(L.Get(pos)); ok {
		return f, nil
	}
	return 0, typeError(L, pos, "number")
}

// intArg is luaL_checkinteger: a number (or numeric string) with an exact
// int64 value.
func intArg(L *lua.LState, pos int) (int64, error) {
	f, err := numberArg(L, pos)
	if err != nil {
		return 0, err
	}
	n, ok := floatToInt(f)
	if !ok {
		return 0, badArg(pos, errNoIntRep)
	}
	return n, nil
}

// optIntArg is luaL_optinteger: nil or absent means def.
func optIntArg(L *lua.LState, pos int, def int64) (int64, error) {
	if L.Get(pos) == lua.LNil {
		return def, nil
	}
	return intArg(L, pos)
}

// stringArg is luaL_checklstring: strings, and numbers converted with
// gopher-lua's tostring rules.
func stringArg(L *lua.LState, pos int) (string, error) {
	switch x := L.Get(pos).(type) {
	case lua.LString:
		return string(x), nil
	case lua.LNumber:
		return x.String(), nil
	}
	return "", typeError(L, pos, "string")
}

// The check* helpers are for bindings that have nothing to clean up: they
// raise straight away.

func checkInt(L *lua.LState, pos int, fname string) int64 {
	n, err := intArg(L, pos)
	if err != nil {
		raise(L, fname, err)
	}
	return n
}

func optInt(L *lua.LState, pos int, fname string, def int64) int64 {
	n, err := optIntArg(L, pos, def)
	if err != nil {
		raise(L, fname, err)
	}
	return n
}

func checkString(L *lua.LState, pos int, fname string) string {
	s, err := stringArg(L, pos)
	if err != nil {
		raise(L, fname, err)
	}
	return s
}

func checkAny(L *lua.LState, pos int, fname string) lua.LValue {
	if pos > L.GetTop() {
		raise(L, fname, badArg(pos, errValueExpected))
	}
	return L.Get(pos)
}
