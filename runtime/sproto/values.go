package sproto

import (
	"math"
	"strconv"
	"strings"
)

// values.go holds the coercions the encoder applies to message values.
// They follow Lua's rules, because the values usually come from Lua tables:
// an integer field takes an integral float or a numeric string, a double
// field takes any number, and the type names in errors are Lua's.

// luaType names v the way Lua's type() would after the Lua binding converts
// it, for error messages.
func luaType(v any) string {
	switch v.(type) {
	case nil:
		return "nil"
	case bool:
		return "boolean"
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return "number"
	case string, []byte:
		return "string"
	case map[string]any, *Map, []any, []int64, []int, []float64, []string, []bool, [][]byte, []map[string]any:
		return "table"
	}
	return "userdata"
}

// toInteger converts v to an int64 the way lua_tointegerx does.
func toInteger(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case int16:
		return int64(n), true
	case int8:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint:
		return int64(n), uint64(n) <= math.MaxInt64
	case uint64:
		return int64(n), n <= math.MaxInt64
	case float64:
		return floatToInteger(n)
	case float32:
		return floatToInteger(float64(n))
	case string:
		return strToInteger(n)
	case []byte:
		return strToInteger(string(n))
	}
	return 0, false
}

// toNumber converts v to a float64 the way lua_tonumberx does.
func toNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case string:
		return strToNumber(n)
	case []byte:
		return strToNumber(string(n))
	}
	if i, ok := toInteger(v); ok {
		return float64(i), true
	}
	return 0, false
}

func floatToInteger(f float64) (int64, bool) {
	if f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

// luaSpace is the set C's isspace accepts, which Lua trims around numerals.
const luaSpace = " \t\n\v\f\r"

// strToInteger converts a numeral string: an integer numeral directly
// (hex ones wrap around, as in Lua), a float numeral only if exact.
func strToInteger(s string) (int64, bool) {
	s = strings.Trim(s, luaSpace)
	if i, ok := parseLuaInt(s); ok {
		return i, true
	}
	f, ok := parseLuaFloat(s)
	if !ok {
		return 0, false
	}
	return floatToInteger(f)
}

func strToNumber(s string) (float64, bool) {
	s = strings.Trim(s, luaSpace)
	if i, ok := parseLuaInt(s); ok {
		return float64(i), true
	}
	return parseLuaFloat(s)
}

func parseLuaInt(s string) (int64, bool) {
	neg := false
	body := s
	if body != "" && (body[0] == '-' || body[0] == '+') {
		neg = body[0] == '-'
		body = body[1:]
	}
	var u uint64
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		for _, c := range []byte(body[2:]) {
			d, ok := hexDigit(c)
			if !ok {
				return 0, false
			}
			u = u<<4 | uint64(d)
		}
	} else {
		if body == "" {
			return 0, false
		}
		for _, c := range []byte(body) {
			if !isDigit(c) {
				return 0, false
			}
			// A decimal numeral that overflows is a float in Lua.
			if u > (math.MaxUint64-9)/10 {
				return 0, false
			}
			u = u*10 + uint64(c-'0')
		}
		if u > 1<<63 || (u == 1<<63 && !neg) {
			return 0, false
		}
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// parseLuaFloat accepts what Lua's numeral reader does; it refuses "inf"
// and "nan" spellings, which Lua never reads as numbers.
func parseLuaFloat(s string) (float64, bool) {
	if s == "" || strings.ContainsAny(s, "nN_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true // Lua gives ±HUGE_VAL or 0 as strtod does
		}
		return 0, false
	}
	return f, true
}
