package compat

import (
	"math"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// appendLiteral implements %q: it writes v as Lua source that reads back as
// the same value.
func appendLiteral(dst []byte, v lua.LValue, arg int) ([]byte, error) {
	switch x := v.(type) {
	case lua.LString:
		return appendQuoted(dst, string(x)), nil
	case lua.LNumber:
		return appendNumberLiteral(dst, float64(x)), nil
	case lua.LBool:
		return strconv.AppendBool(dst, bool(x)), nil
	}
	if v == lua.LNil {
		return append(dst, "nil"...), nil
	}
	return nil, badArg(arg, errNoLiteral)
}

// appendQuoted escapes like lstrlib's addquoted: quote, backslash and
// newline get a backslash, other control bytes become decimal escapes
// (three digits when a digit follows, so the escape cannot swallow it).
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\' || c == '\n':
			dst = append(dst, '\\', c)
		case c < 0x20 || c == 0x7f:
			dst = append(dst, '\\')
			if i+1 < len(s) && isDigit(s[i+1]) {
				dst = append(dst, '0'+c/100, '0'+c/10%10, '0'+c%10)
			} else {
				dst = strconv.AppendUint(dst, uint64(c), 10)
			}
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// appendNumberLiteral writes integral values as integers. Lua 5.4 writes
// other floats in hex ("%a"), but gopher-lua's lexer cannot read hex floats,
// so this uses the shortest decimal that round-trips instead.
func appendNumberLiteral(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "1e9999"...)
	case math.IsInf(f, -1):
		return append(dst, "-1e9999"...)
	case math.IsNaN(f):
		return append(dst, "(0/0)"...)
	}
	// C Lua writes mininteger as 0x8000000000000000 because its lexer
	// would turn the decimal into a float; here every number is a float and
	// that hex literal would read back as +2^63, so decimal it is.
	if n, ok := floatToInt(f); ok {
		return strconv.AppendInt(dst, n, 10)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, 64)
}
