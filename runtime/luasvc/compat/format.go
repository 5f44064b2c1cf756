package compat

import (
	"fmt"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// string.format with Lua 5.3's argument rules. gopher-lua hands the whole
// format to Go's fmt.Sprintf, which silently truncates %d arguments, quotes
// %q the Go way, prints %c as UTF-8 and pads by runes. Strictness needs every
// directive parsed anyway, so this formats each one itself, with C printf
// semantics.

// fmtSpec is one parsed directive, e.g. "%-08.3f".
type fmtSpec struct {
	minus, plus, space, alt, zero bool
	width                         int
	prec                          int // -1 when absent
	conv                          byte
	text                          string // the directive as written, for messages
}

// plain reports a bare "%X" with no flags, width or precision.
func (s *fmtSpec) plain() bool { return len(s.text) == 2 }

func strFormat(L *lua.LState) int {
	format := checkString(L, 1, "format")
	var scratch [128]byte // typical log lines fit; append grows beyond
	out, err := appendFormat(scratch[:0], L, format)
	if err != nil {
		raise(L, "format", err)
	}
	L.Push(lua.LString(out))
	return 1
}

func appendFormat(dst []byte, L *lua.LState, format string) ([]byte, error) {
	top := L.GetTop()
	arg := 1
	for i := 0; i < len(format); {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			return append(dst, format[i:]...), nil
		}
		dst = append(dst, format[i:i+j]...)
		i += j + 1
		if i < len(format) && format[i] == '%' {
			dst = append(dst, '%')
			i++
			continue
		}
		// Lua checks for a missing argument before it looks at the directive.
		arg++
		if arg > top {
			return nil, badArg(arg, errNoValue)
		}
		spec, n, err := parseSpec(format[i-1:])
		if err != nil {
			return nil, err
		}
		i += n - 1
		if dst, err = appendDirective(dst, L, arg, &spec); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// parseSpec reads one directive from s, which starts at its '%'. It returns
// the spec and the number of bytes consumed. Flags may repeat, as in Lua 5.4;
// width and precision take at most two digits each.
func parseSpec(s string) (fmtSpec, int, error) {
	spec := fmtSpec{prec: -1}
	p := 1
	for ; p < len(s) && strings.IndexByte("-+ #0", s[p]) >= 0; p++ {
		switch s[p] {
		case '-':
			spec.minus = true
		case '+':
			spec.plus = true
		case ' ':
			spec.space = true
		case '#':
			spec.alt = true
		case '0':
			spec.zero = true
		}
	}
	p, spec.width = readDigits(s, p)
	if p < len(s) && s[p] == '.' {
		p, spec.prec = readDigits(s, p+1)
	}
	if p >= len(s) {
		return spec, 0, fmt.Errorf("invalid conversion '%s' to 'format'", s)
	}
	if isDigit(s[p]) || s[p] == '.' {
		return spec, 0, badSpec(s)
	}
	spec.conv = s[p]
	spec.text = s[:p+1]
	return spec, p + 1, nil
}

// badSpec words an over-long directive as Lua 5.4 does, quoting it up to
// and including its conversion letter.
func badSpec(s string) error {
	end := 1
	for end < len(s) && strings.IndexByte("-+ #0.123456789", s[end]) >= 0 {
		end++
	}
	if end < len(s) {
		end++
	}
	return fmt.Errorf("invalid conversion specification: '%s'", s[:end])
}

// readDigits reads at most two digits at s[p:], returning the new position
// and the value (0 when there are none, as C reads "%.f").
func readDigits(s string, p int) (int, int) {
	n := 0
	for k := 0; k < 2 && p < len(s) && isDigit(s[p]); k++ {
		n = n*10 + int(s[p]-'0')
		p++
	}
	return p, n
}

// appendDirective formats argument arg according to spec.
func appendDirective(dst []byte, L *lua.LState, arg int, spec *fmtSpec) ([]byte, error) {
	switch spec.conv {
	case 'd', 'i':
		n, err := intArg(L, arg)
		if err != nil {
			return nil, err
		}
		if spec.plain() {
			return strconv.AppendInt(dst, n, 10), nil
		}
		mag := uint64(n)
		if n < 0 {
			mag = -mag
		}
		return appendInteger(dst, spec, n < 0, mag, 10), nil
	case 'u', 'o', 'x', 'X':
		n, err := intArg(L, arg)
		if err != nil {
			return nil, err
		}
		// C prints negative values as their 64-bit two's complement.
		base := 16
		switch spec.conv {
		case 'u':
			base = 10
		case 'o':
			base = 8
		}
		return appendInteger(dst, spec, false, uint64(n), base), nil
	case 'c':
		n, err := intArg(L, arg)
		if err != nil {
			return nil, err
		}
		return appendPadded(dst, spec, string([]byte{byte(n)}), false), nil
	case 'a', 'A', 'e', 'E', 'f', 'F', 'g', 'G':
		f, err := numberArg(L, arg)
		if err != nil {
			return nil, err
		}
		return appendFloat(dst, spec, f), nil
	case 'q':
		if !spec.plain() {
			return nil, fmt.Errorf("specifier '%%q' cannot have modifiers")
		}
		return appendLiteral(dst, L.Get(arg), arg)
	case 's':
		return appendString(dst, spec, toString(L, L.Get(arg)), arg)
	}
	return nil, fmt.Errorf("invalid conversion '%s' to 'format'", spec.text)
}

// toString is tostring(v). Plain strings skip ToStringMeta, which would
// box a copy of them, unless the string metatable has a __tostring.
func toString(L *lua.LState, v lua.LValue) string {
	if s, ok := v.(lua.LString); ok && L.GetMetaField(v, "__tostring") == lua.LNil {
		return string(s)
	}
	return L.ToStringMeta(v).String()
}

// appendString handles %s. Like C Lua it copies long strings whole when no
// precision is given, and refuses embedded zeros when padding is asked for.
func appendString(dst []byte, spec *fmtSpec, s string, arg int) ([]byte, error) {
	if spec.plain() {
		return append(dst, s...), nil
	}
	if strings.IndexByte(s, 0) >= 0 {
		return nil, badArg(arg, errStringZeros)
	}
	if spec.prec < 0 && len(s) >= 100 {
		return append(dst, s...), nil
	}
	if spec.prec >= 0 && len(s) > spec.prec {
		s = s[:spec.prec]
	}
	return appendPadded(dst, spec, s, false), nil
}

// appendPadded pads body with spaces (or zeros after any sign or 0x prefix,
// when zeroOK and the '0' flag asks for it) to the spec's width, counting
// bytes as C does.
func appendPadded(dst []byte, spec *fmtSpec, body string, zeroOK bool) []byte {
	pad := spec.width - len(body)
	if pad <= 0 {
		return append(dst, body...)
	}
	switch {
	case spec.minus:
		dst = append(dst, body...)
		return appendRepeat(dst, ' ', pad)
	case zeroOK && spec.zero:
		lead := signPrefixLen(body)
		dst = append(dst, body[:lead]...)
		dst = appendRepeat(dst, '0', pad)
		return append(dst, body[lead:]...)
	default:
		dst = appendRepeat(dst, ' ', pad)
		return append(dst, body...)
	}
}

// signPrefixLen measures the sign and 0x prefix that zero padding goes after.
func signPrefixLen(body string) int {
	n := 0
	if n < len(body) && (body[n] == '-' || body[n] == '+' || body[n] == ' ') {
		n++
	}
	if n+1 < len(body) && body[n] == '0' && (body[n+1] == 'x' || body[n+1] == 'X') {
		n += 2
	}
	return n
}

func appendRepeat(dst []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, c)
	}
	return dst
}
