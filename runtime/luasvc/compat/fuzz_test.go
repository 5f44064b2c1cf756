package compat

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// FuzzUnpack feeds arbitrary formats and data to string.unpack. It must
// only ever fail with a Lua error, never a Go panic (callString checks),
// and without '!' the result must not depend on where the data sits in
// the string: the input is split in two and the first part becomes a
// prefix that init skips.
func FuzzUnpack(f *testing.F) {
	seeds := []struct{ format, data string }{
		{"<i4", "\xfe\xff\xff\xff"},
		{">I2 z s1", "\x12\x34hi\x00\x02ok"},
		{"<j", "\x01\x00\x00\x00\x00\x00\x20\x00"},
		{"<i9", "\xff\xff\xff\xff\xff\xff\xff\xff\xff"},
		{"!8 b Xd d", "\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf8\x3f"},
		{"c3 x f", "abc\x00\x00\x00\xc0\x3f"},
		{"s16", strings.Repeat("\x00", 16)},
	}
	for _, s := range seeds {
		f.Add(s.format, s.data, uint8(0))
		f.Add(s.format, "pre"+s.data, uint8(3))
	}
	f.Fuzz(func(t *testing.T, format, data string, split uint8) {
		if len(format) > 64 {
			return // keep results few; long formats only repeat short ones
		}
		L := newState(t)
		cut := int(split) % (len(data) + 1)
		whole, err := callString(t, L, "unpack", str(format), str(data[cut:]))
		if err != nil || strings.Contains(format, "!") {
			return
		}
		shifted, err := callString(t, L, "unpack", str(format), str(data), num(float64(cut+1)))
		if err != nil {
			t.Fatalf("unpack(%q) failed only after a %d-byte prefix: %v", format, cut, err)
		}
		if len(shifted) != len(whole) {
			t.Fatalf("unpack(%q): %d results alone, %d after a prefix", format, len(whole), len(shifted))
		}
		last := len(whole) - 1
		for i := 0; i < last; i++ {
			if !sameValue(whole[i], shifted[i]) {
				t.Fatalf("unpack(%q) result %d: %v alone, %v after a prefix", format, i+1, whole[i], shifted[i])
			}
		}
		if whole[last].(lua.LNumber)+lua.LNumber(cut) != shifted[last].(lua.LNumber) {
			t.Fatalf("unpack(%q) next position: %v alone, %v after a %d-byte prefix", format, whole[last], shifted[last], cut)
		}
	})
}

// sameValue treats NaN as equal to itself.
func sameValue(a, b lua.LValue) bool {
	if x, ok := a.(lua.LNumber); ok {
		if y, ok := b.(lua.LNumber); ok && x != x && y != y {
			return true
		}
	}
	return a == b
}

// FuzzFormat checks that string.format fails only with Lua errors whatever
// the directive, and that %d output, when it succeeds, reads back as the
// same number.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"%d", "%5.2f", "%-+#08.3x", "%q", "%s|%c", "%a", "%.99g", "%", "%5", "%%"} {
		f.Add(s, 42.0)
		f.Add(s, -0.5)
	}
	f.Fuzz(func(t *testing.T, format string, n float64) {
		L := newState(t)
		out, err := callString(t, L, "format", str(format), num(n), num(n))
		if err != nil || format != "%d" {
			return
		}
		back, ok := parseNumber(string(out[0].(lua.LString)))
		if !ok || back != n {
			t.Fatalf("format(%%d, %v) = %q", n, out[0])
		}
	})
}
