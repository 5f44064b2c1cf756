package compat

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Number directives of string.format, printed as C's printf would print
// them, since that is what Lua scripts (and their tests) were written
// against.

// appendInteger prints mag (with a '-' when neg) in base, applying
// precision as a minimum digit count, '#' prefixes and width padding.
func appendInteger(dst []byte, spec *fmtSpec, neg bool, mag uint64, base int) []byte {
	var buf [24]byte
	digits := strconv.AppendUint(buf[:0], mag, base)
	if spec.conv == 'X' {
		for i, c := range digits {
			if c >= 'a' && c <= 'f' {
				digits[i] = c - 'a' + 'A'
			}
		}
	}
	if spec.prec == 0 && mag == 0 {
		digits = digits[:0] // C prints nothing for "%.0d" of zero
	}
	zeros := 0
	if spec.prec > len(digits) {
		zeros = spec.prec - len(digits)
	}
	if spec.alt && base == 8 && zeros == 0 && (len(digits) == 0 || digits[0] != '0') {
		zeros = 1
	}
	var pre [3]byte
	prefix := pre[:0]
	signed := spec.conv == 'd' || spec.conv == 'i'
	switch {
	case neg:
		prefix = append(prefix, '-')
	case signed && spec.plus:
		prefix = append(prefix, '+')
	case signed && spec.space:
		prefix = append(prefix, ' ')
	}
	if spec.alt && base == 16 && mag != 0 {
		prefix = append(prefix, '0', spec.conv)
	}
	pad := spec.width - len(prefix) - zeros - len(digits)
	if pad > 0 && !spec.minus && spec.zero && spec.prec < 0 {
		zeros += pad
		pad = 0
	}
	if pad > 0 && !spec.minus {
		dst = appendRepeat(dst, ' ', pad)
	}
	dst = append(dst, prefix...)
	dst = appendRepeat(dst, '0', zeros)
	dst = append(dst, digits...)
	if pad > 0 && spec.minus {
		dst = appendRepeat(dst, ' ', pad)
	}
	return dst
}

// appendFloat handles a A e E f F g G.
func appendFloat(dst []byte, spec *fmtSpec, f float64) []byte {
	upper := spec.conv >= 'A' && spec.conv <= 'Z'
	if math.IsInf(f, 0) || math.IsNaN(f) {
		// Go would print "+Inf" and "NaN"; glibc prints inf/nan, and gives
		// NaN a sign too (0/0 on x86 is a negative NaN, shown as "-nan").
		body := "inf"
		if math.IsNaN(f) {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		return appendPadded(dst, spec, floatSign(spec, f)+body, false)
	}
	if spec.conv == 'a' || spec.conv == 'A' {
		return appendPadded(dst, spec, hexFloat(spec, f, upper), true)
	}
	// Go's fmt agrees with C for finite values once the default precision is
	// spelled out: Go's bare %g means "shortest", C's means precision 6, and
	// C reads a %g precision of 0 as 1.
	prec := spec.prec
	if prec < 0 {
		prec = 6
	}
	if prec == 0 && (spec.conv == 'g' || spec.conv == 'G') {
		prec = 1
	}
	var fb [16]byte
	goFmt := append(fb[:0], '%')
	for _, fl := range [...]struct {
		on bool
		c  byte
	}{{spec.minus, '-'}, {spec.plus, '+'}, {spec.space, ' '}, {spec.alt, '#'}, {spec.zero, '0'}} {
		if fl.on {
			goFmt = append(goFmt, fl.c)
		}
	}
	if spec.width > 0 {
		goFmt = strconv.AppendInt(goFmt, int64(spec.width), 10)
	}
	goFmt = append(goFmt, '.')
	goFmt = strconv.AppendInt(goFmt, int64(prec), 10)
	goFmt = append(goFmt, spec.conv)
	return fmt.Appendf(dst, string(goFmt), f)
}

// floatSign is the sign C prints before a float's digits.
func floatSign(spec *fmtSpec, f float64) string {
	switch {
	case math.Signbit(f):
		return "-"
	case spec.plus:
		return "+"
	case spec.space:
		return " "
	}
	return ""
}

// hexFloat prints %a like C: strconv writes at least two exponent digits
// ("0x1p+00") where C writes as few as needed ("0x1p+0").
func hexFloat(spec *fmtSpec, f float64, upper bool) string {
	s := strconv.FormatFloat(math.Abs(f), 'x', spec.prec, 64)
	if p := strings.IndexByte(s, 'p'); p >= 0 && p+2 < len(s) {
		exp := strings.TrimLeft(s[p+2:], "0")
		if exp == "" {
			exp = "0"
		}
		s = s[:p+2] + exp
	}
	if upper {
		s = strings.ToUpper(s)
	}
	return floatSign(spec, f) + s
}
