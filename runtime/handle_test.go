package runtime_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
)

func TestHandleString(t *testing.T) {
	for _, tc := range []struct {
		h    runtime.Handle
		want string
	}{
		{0x0100000a, ":0100000a"},
		{0, ":00000000"},
		{0x2a, ":0000002a"},
		{0xffffffff, ":ffffffff"},
		{0x1f00abcd, ":1f00abcd"},
	} {
		if got := tc.h.String(); got != tc.want {
			t.Errorf("Handle(%#x).String() = %q, want %q", uint32(tc.h), got, tc.want)
		}
	}
	if got := runtime.Handle(0x0300000a).Harbor(); got != 3 {
		t.Errorf("Harbor() = %d, want 3", got)
	}
}

func TestParseHandle(t *testing.T) {
	for _, tc := range []struct {
		in     string
		harbor uint8
		want   runtime.Handle
	}{
		{":0100000a", 1, 0x0100000a},
		{":0100000a", 9, 0x0100000a},    // the colon form is taken literally
		{":0000000a", 1, 0x0000000a},    // ... even without a harbor part
		{":FFFFFFFF", 1, 0xffffffff},    // hex digits in either case
		{"0100000a", 2, 0x0100000a},     // bare form that already has a harbor
		{"0000000a", 1, 0x0100000a},     // bare form without one gets it ORed in
		{"a", 5, 0x0500000a},            // short bare form
		{"A", 1, 0x0100000a},            // upper case
		{"10", 1, 0x01000010},           // bare numbers are hex, as in skynet's debug console
		{"ffffff", 1, 0x01ffffff},       // the largest local index
		{" :0100000a\n", 1, 0x0100000a}, // surrounding space is ignored
		{"\t0000000b ", 3, 0x0300000b},  // also for the bare form
		{":00000000", 1, 0},             // the system address
		{"0", 4, 0x04000000},            // bare zero takes the harbor
		{":0100000A", 1, runtime.Handle(0x0100000a)},
	} {
		got, err := runtime.ParseHandle(tc.in, tc.harbor)
		if err != nil {
			t.Errorf("ParseHandle(%q, %d) error: %v", tc.in, tc.harbor, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseHandle(%q, %d) = %s, want %s", tc.in, tc.harbor, got, tc.want)
		}
	}
}

func TestParseHandleRoundTrip(t *testing.T) {
	for _, h := range []runtime.Handle{0, 1, 0x0100000a, 0x02ffffff, 0xffffffff} {
		got, err := runtime.ParseHandle(h.String(), 7)
		if err != nil || got != h {
			t.Errorf("ParseHandle(%q) = %s, %v; want %s", h.String(), got, err, h)
		}
	}
}

func TestParseHandleBadInput(t *testing.T) {
	for _, in := range []string{
		"", "   ", ":", ": ", ":xyz", "zz", "g1", "-1", "+1", ":-1",
		"0x10", ":0x10", "100000000", ":100000000", "1 2", ":01 00", "0100000a:",
		"1_0", "１", // a full-width digit
	} {
		h, err := runtime.ParseHandle(in, 1)
		if err == nil {
			t.Errorf("ParseHandle(%q) = %s, want an error", in, h)
			continue
		}
		if !errors.Is(err, runtime.ErrBadAddress) {
			t.Errorf("ParseHandle(%q) error %v does not wrap ErrBadAddress", in, err)
		}
		if h != 0 {
			t.Errorf("ParseHandle(%q) returned handle %s with its error", in, h)
		}
		if !strings.Contains(err.Error(), "parse handle") {
			t.Errorf("ParseHandle(%q) error %q does not say what failed", in, err)
		}
	}
}

// FuzzParseHandle: any input either parses or fails with ErrBadAddress, and
// a parsed handle prints back to a string that parses to the same handle.
func FuzzParseHandle(f *testing.F) {
	for _, s := range []string{":0100000a", "0100000a", "a", "", ":", "0x1", " :ffffffff "} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, harbor uint8) {
		h, err := runtime.ParseHandle(s, harbor)
		if err != nil {
			if !errors.Is(err, runtime.ErrBadAddress) {
				t.Fatalf("ParseHandle(%q) error %v does not wrap ErrBadAddress", s, err)
			}
			return
		}
		back, err := runtime.ParseHandle(h.String(), harbor^0xff)
		if err != nil || back != h {
			t.Fatalf("ParseHandle(%q) = %s, but its String parses to %s, %v", s, h, back, err)
		}
	})
}
