package compat

import (
	"encoding/hex"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// callString calls string.<name>(args...) and returns its results, or the
// error message.
func callString(t testing.TB, L *lua.LState, name string, args ...lua.LValue) ([]lua.LValue, error) {
	t.Helper()
	fn := L.GetField(L.GetGlobal("string"), name)
	top := L.GetTop()
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	if err := L.PCall(len(args), lua.MultRet, nil); err != nil {
		if aerr, ok := err.(*lua.ApiError); ok && aerr.Type == lua.ApiErrorPanic {
			t.Fatalf("Go panic inside string.%s: %v", name, err)
		}
		return nil, err
	}
	out := make([]lua.LValue, 0, L.GetTop()-top)
	for i := top + 1; i <= L.GetTop(); i++ {
		out = append(out, L.Get(i))
	}
	L.SetTop(top)
	return out, nil
}

func num(f float64) lua.LValue { return lua.LNumber(f) }
func str(s string) lua.LValue  { return lua.LString(s) }

func unhex(t *testing.T, s string) string {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPackEdges(t *testing.T) {
	t.Parallel()
	L := newState(t)
	tests := []struct {
		name   string
		format string
		args   []lua.LValue
		want   string // hex
		err    string
	}{
		{"i1 lowest", "i1", []lua.LValue{num(-128)}, "80", ""},
		{"i1 highest", "i1", []lua.LValue{num(127)}, "7f", ""},
		{"i1 below", "i1", []lua.LValue{num(-129)}, "", "bad argument #2 to 'pack' (integer overflow)"},
		{"i1 above", "i1", []lua.LValue{num(128)}, "", "integer overflow"},
		{"I1 highest", "I1", []lua.LValue{num(255)}, "ff", ""},
		{"I1 above", "I1", []lua.LValue{num(256)}, "", "unsigned overflow"},
		{"I1 negative", "I1", []lua.LValue{num(-1)}, "", "unsigned overflow"},
		{"i2 lowest", "<i2", []lua.LValue{num(-32768)}, "0080", ""},
		{"I4 highest", ">I4", []lua.LValue{num(4294967295)}, "ffffffff", ""},
		{"I4 above", "I4", []lua.LValue{num(4294967296)}, "", "unsigned overflow"},
		{"j lowest", "<j", []lua.LValue{num(-9223372036854775808)}, "0000000000000080", ""},
		{"j 2^63", "j", []lua.LValue{num(9223372036854775808)}, "", "number has no integer representation"},
		{"j fraction", "j", []lua.LValue{num(0.5)}, "", "bad argument #2 to 'pack' (number has no integer representation)"},
		{"J top float", "<J", []lua.LValue{num(18446744073709549568)}, "00f8ffffffffffff", ""},
		{"J 2^64", "J", []lua.LValue{num(18446744073709551616)}, "", "number has no integer representation"},
		{"J -2^63", "<J", []lua.LValue{num(-9223372036854775808)}, "0000000000000080", ""},
		{"i16 negative", ">i16", []lua.LValue{num(-2)}, "fffffffffffffffffffffffffffffffe", ""},
		{"f overflow is inf", "<f", []lua.LValue{num(1e40)}, "0000807f", ""},
		{"d string number", ">d", []lua.LValue{str("0x10")}, "4030000000000000", ""},
		{"s1 full", "s1", []lua.LValue{str(strings.Repeat("a", 255))}, "ff" + strings.Repeat("61", 255), ""},
		{"s1 too long", "s1", []lua.LValue{str(strings.Repeat("a", 256))}, "", "string length does not fit in given size"},
		{"c0", "c0", []lua.LValue{str("")}, "", ""},
		{"c pads", "c3", []lua.LValue{str("a")}, "610000", ""},
		{"aligned", "!<h i8", []lua.LValue{num(1), num(2)}, "01000000000000000200000000000000", ""},
		{"align capped", "!2<b i8", []lua.LValue{num(1), num(2)}, "01000200000000000000", ""},
		{"x and X", "<b x Xh b", []lua.LValue{num(1), num(2)}, "010002", ""},
		{"missing argument", "i4 i4", []lua.LValue{num(1)}, "", "bad argument #3 to 'pack' (number expected, got no value)"},
		{"bad letter", "i4 w", []lua.LValue{num(1)}, "", "invalid format option 'w'"},
		{"size too big", "i17", []lua.LValue{num(1)}, "", "integral size (17) out of limits [1,16]"},
		{"large c", "c100000", []lua.LValue{str("ab")}, "6162" + strings.Repeat("00", 99998), ""},
	}
	for _, tc := range tests {
		out, err := callString(t, L, "pack", append([]lua.LValue{str(tc.format)}, tc.args...)...)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: pack(%q) error = %v, want %q", tc.name, tc.format, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: pack(%q): %v", tc.name, tc.format, err)
		default:
			if got := hex.EncodeToString([]byte(out[0].(lua.LString))); got != tc.want {
				t.Errorf("%s: pack(%q) = %s, want %s", tc.name, tc.format, got, tc.want)
			}
		}
	}
}

func TestUnpackEdges(t *testing.T) {
	t.Parallel()
	L := newState(t)
	tests := []struct {
		name   string
		format string
		data   string // hex
		init   lua.LValue
		want   []lua.LValue // values then next position
		err    string
	}{
		{"i3 positive", "<i3", "ffff7f", nil, []lua.LValue{num(8388607), num(4)}, ""},
		{"i3 sign", "<i3", "000080", nil, []lua.LValue{num(-8388608), num(4)}, ""},
		{"I3", "<I3", "000080", nil, []lua.LValue{num(8388608), num(4)}, ""},
		{"j 2^53", "<j", "0000000000002000", nil, []lua.LValue{num(9007199254740992), num(9)}, ""},
		{"j 2^53+1", "<j", "0100000000002000", nil, nil, "integer 9007199254740993 cannot be represented exactly in a Lua number"},
		{"j 2^53+2", "<j", "0200000000002000", nil, []lua.LValue{num(9007199254740994), num(9)}, ""},
		{"J 2^63 is exact", "<J", "0000000000000080", nil, []lua.LValue{num(9223372036854775808), num(9)}, ""},
		{"J all ones", "<J", "ffffffffffffffff", nil, nil, "integer 18446744073709551615 cannot be represented"},
		{"j all ones", "<j", "ffffffffffffffff", nil, []lua.LValue{num(-1), num(9)}, ""},
		{"I16 small", ">I16", "00000000000000000000000000000101", nil, []lua.LValue{num(257), num(17)}, ""},
		{"I16 high bit", ">I16", "01000000000000000000000000000000", nil, nil, "16-byte integer does not fit into Lua Integer"},
		{"i10 negative", "<i10", "feffffffffffffffffff", nil, []lua.LValue{num(-2), num(11)}, ""},
		{"i10 bad fill", "<i10", "feffffffffffffffff00", nil, nil, "10-byte integer does not fit"},
		{"f", "<f", "0000c03f", nil, []lua.LValue{num(1.5), num(5)}, ""},
		{"z then byte", "zB", "68690007", nil, []lua.LValue{str("hi"), num(7), num(5)}, ""},
		{"s1", "s1", "026869ff", nil, []lua.LValue{str("hi"), num(4)}, ""},
		{"s8 huge length", "<s8", "ffffffffffffff7f", nil, nil, "data string too short"},
		{"init negative", "B", "010203", num(-2), []lua.LValue{num(2), num(3)}, ""},
		{"init at end", "", "0102", num(3), []lua.LValue{num(3)}, ""},
		{"init past end", "B", "0102", num(4), nil, "bad argument #3 to 'unpack' (initial position out of string)"},
		{"init fraction", "B", "0102", num(1.5), nil, "bad argument #3 to 'unpack' (number has no integer representation)"},
		{"alignment is absolute", "!4 i4", "aa00000005000000", num(2), []lua.LValue{num(5), num(9)}, ""},
		{"short", "i4", "010203", nil, nil, "bad argument #2 to 'unpack' (data string too short)"},
		{"short after padding", "!8 b d", "01000000", nil, nil, "data string too short"},
		{"z unfinished", "z", "6869", nil, nil, "unfinished string for format 'z'"},
	}
	for _, tc := range tests {
		args := []lua.LValue{str(tc.format), str(unhex(t, tc.data))}
		if tc.init != nil {
			args = append(args, tc.init)
		}
		out, err := callString(t, L, "unpack", args...)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: unpack(%q) error = %v, want %q", tc.name, tc.format, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unpack(%q): %v", tc.name, tc.format, err)
			continue
		}
		if len(out) != len(tc.want) {
			t.Errorf("%s: unpack(%q) = %v, want %v", tc.name, tc.format, out, tc.want)
			continue
		}
		for i := range out {
			if out[i] != tc.want[i] {
				t.Errorf("%s: unpack(%q) result %d = %v, want %v", tc.name, tc.format, i+1, out[i], tc.want[i])
			}
		}
	}
}
