package compat

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua has one number type, float64. Lua 5.3 code expects a separate
// 64-bit integer subtype; the helpers here decide when a float64 may stand
// in for one.
const (
	twoTo53 = 1 << 53
	twoTo63 = 9223372036854775808.0  // 2^63, exact in float64
	twoTo64 = 18446744073709551616.0 // 2^64, exact in float64
)

// floatToInt returns f as an int64 when f is integral and inside int64's
// range. NaN and infinities fail every comparison and so are rejected too.
func floatToInt(f float64) (int64, bool) {
	if f >= -twoTo63 && f < twoTo63 && f == math.Trunc(f) {
		return int64(f), true
	}
	return 0, false
}

// floatToUint64 accepts the range that an 8-byte unsigned field can hold:
// negatives down to -2^63 (written as two's complement, as Lua 5.3 does) and
// integral values up to 2^64-1, which Lua itself cannot even express.
func floatToUint64(f float64) (uint64, bool) {
	if f != math.Trunc(f) {
		return 0, false
	}
	if f >= -twoTo63 && f < twoTo63 {
		return uint64(int64(f)), true
	}
	if f >= twoTo63 && f < twoTo64 {
		return uint64(f), true
	}
	return 0, false
}

// intToFloat reports whether v survives the trip to float64 unchanged.
func intToFloat(v int64) (float64, bool) {
	f := float64(v)
	if v >= -twoTo53 && v <= twoTo53 {
		return f, true
	}
	// float64(v) may round up to 2^63, which int64 cannot hold.
	if f >= twoTo63 {
		return 0, false
	}
	return f, int64(f) == v
}

// uintToFloat is intToFloat for unsigned values.
func uintToFloat(v uint64) (float64, bool) {
	f := float64(v)
	if v <= twoTo53 {
		return f, true
	}
	if f >= twoTo64 {
		return 0, false
	}
	return f, uint64(f) == v
}

// toNumber converts v the way lua_tonumber does: numbers as they are,
// strings when they spell a number.
func toNumber(v lua.LValue) (float64, bool) {
	switch x := v.(type) {
	case lua.LNumber:
		return float64(x), true
	case lua.LString:
		return parseNumber(string(x))
	}
	return 0, false
}

// parseNumber follows Lua's lexical rules for numerals rather than Go's:
// surrounding whitespace is allowed, "inf"/"nan" and underscores are not, and
// hex integers wrap around modulo 2^64 like Lua 5.3's.
func parseNumber(s string) (float64, bool) {
	s = strings.Trim(s, " \t\n\v\f\r")
	body := s
	neg := false
	if body != "" && (body[0] == '-' || body[0] == '+') {
		neg = body[0] == '-'
		body = body[1:]
	}
	if body == "" {
		return 0, false
	}
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		return parseHex(body[2:], neg)
	}
	if c := body[0]; c != '.' && (c < '0' || c > '9') {
		return 0, false // rejects inf, nan, infinity
	}
	if strings.IndexByte(body, '_') >= 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return f, true
}

// parseHex parses the digits after "0x": an integer (wrapping), or a hex
// float with optional fraction and 'p' exponent.
func parseHex(digits string, neg bool) (float64, bool) {
	if strings.ContainsAny(digits, ".pP") {
		lit := "0x" + digits
		if !strings.ContainsAny(digits, "pP") {
			lit += "p0" // strconv insists on an exponent for hex floats
		}
		f, err := strconv.ParseFloat(lit, 64)
		if (err != nil && !isRangeErr(err)) || strings.IndexByte(digits, '_') >= 0 {
			return 0, false
		}
		if neg {
			f = -f
		}
		return f, true
	}
	var u uint64
	for i := 0; i < len(digits); i++ {
		d, ok := hexDigit(digits[i])
		if !ok {
			return 0, false
		}
		u = u<<4 | uint64(d)
	}
	n := int64(u)
	if neg {
		n = -n
	}
	return float64(n), true
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

// isRangeErr: Lua turns out-of-range numerals into ±Inf or 0 rather than
// failing, and strconv returns exactly those values with ErrRange.
func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
