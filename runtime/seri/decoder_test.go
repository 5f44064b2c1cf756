package seri_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

func TestUnpackInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, hex string
		remaining int // bytes unread when decoding stopped, as skynet counts them
	}{
		{"type7", "07", 0},
		{"type7_cookie", "ff00", 1},
		{"number_cookie3", "1a00", 1},
		{"number_cookie31", "fa", 0},
		{"truncated_byte", "0a", 0},
		{"truncated_word", "1201", 1},
		{"truncated_dword", "22010203", 3},
		{"truncated_qword", "3201020304050607", 7},
		{"truncated_real", "42000000", 3},
		{"truncated_userdata", "0300", 1},
		{"truncated_short_string", "2c6869", 2},
		{"long_string_cookie1", "0d0100", 2},
		{"long_string_cookie3", "1d01000000", 4},
		{"truncated_long_len", "1501", 1},
		{"truncated_long_body", "1505006869", 2},
		{"dword_len_beyond_input", "25ffffffff41", 1},
		{"missing_terminator", "1e0a010a020a03", 0},
		{"missing_hash_value", "060c61", 0},
		{"table_header_only", "06", 0},
		{"array_len_real", "fe42000000000000f03f", 8},
		{"array_len_string", "fe0c61", 1},
		{"array_len_missing", "fe", 0},
		{"array_len_negative", "fe22ffffffff00", 1},
		{"array_len_negative_dword", "fe22000000800000000000000000000000", 11},
		{"array_len_2^31_small_input", "fe32000000800000000000000000000000000000", 10},
		{"array_len_huge_qword", "fe32ffffffffffffff7f00", 1},
		{"nested_truncated", "0e0e0e", 1},
	}
	for _, tc := range tests {
		data, _ := hex.DecodeString(tc.hex)
		vals, err := seri.Unpack(data)
		if err == nil {
			t.Errorf("%s: decoded %s, want error", tc.name, show(vals))
			continue
		}
		var se *seri.StreamError
		if !errors.As(err, &se) || !errors.Is(err, seri.ErrInvalidStream) ||
			!strings.HasPrefix(err.Error(), "Invalid serialize stream ") {
			t.Errorf("%s: error %v is not a stream error", tc.name, err)
			continue
		}
		if se.Remaining != tc.remaining {
			t.Errorf("%s: %v: remaining %d, want %d", tc.name, err, se.Remaining, tc.remaining)
		}
	}
}

func TestUnpackNaNKey(t *testing.T) {
	t.Parallel()
	data, _ := hex.DecodeString("0642000000000000f8ff0a0100")
	if _, err := seri.Unpack(data); !errors.Is(err, seri.ErrNaNKey) {
		t.Fatalf("got %v", err)
	}
}

func TestUnpackLenient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, hex string
		want      []any
	}{
		{"bool_cookie31", "f9", []any{true}},
		{"nil_with_cookie", "f8", []any{nil}},
		{"nil_terminator_with_cookie", "0e0a01f8", []any{&seri.Table{Array: []any{int64(1)}}}},
		{"array_len_zero_cookie", "fe0200", []any{&seri.Table{}}},
		{"array_len_byte_small", "fe0a010900", []any{&seri.Table{Array: []any{true}}}},
		{"duplicate_keys_kept", "060c610a010c610a0200", []any{&seri.Table{Hash: []seri.KV{{Key: "a", Value: int64(1)}, {Key: "a", Value: int64(2)}}}}},
		{"qword_negative", "32feffffffffffffff", []any{int64(-2)}},
		{"word_len_short_string", "15020068690c78", []any{"hi", "x"}},
		{"dword_len_string", "250100000041", []any{"A"}},
	}
	for _, tc := range tests {
		data, _ := hex.DecodeString(tc.hex)
		got, err := seri.Unpack(data)
		if err != nil || !equalList(got, tc.want) {
			t.Errorf("%s: got %s, %v; want %s", tc.name, show(got), err, show(tc.want))
		}
	}
}

func TestUnpackNestingLimit(t *testing.T) {
	t.Parallel()
	// Each 0e opens a table whose one array slot is the next table.
	deep := func(n int) []byte {
		b := []byte(strings.Repeat("\x0e", n-1) + "\x06" + strings.Repeat("\x00", n))
		return b
	}
	if _, err := seri.Unpack(deep(seri.MaxDecodeDepth)); err != nil {
		t.Errorf("%d levels: %v", seri.MaxDecodeDepth, err)
	}
	if _, err := seri.Unpack(deep(seri.MaxDecodeDepth + 1)); !errors.Is(err, seri.ErrInvalidStream) {
		t.Errorf("%d levels: %v", seri.MaxDecodeDepth+1, err)
	}
	// A megabyte of table openers fails fast rather than recursing.
	if _, err := seri.Unpack([]byte(strings.Repeat("\x0e", 1<<20))); !errors.Is(err, seri.ErrInvalidStream) {
		t.Errorf("1 MiB of openers: %v", err)
	}
}

func TestDecoderStreaming(t *testing.T) {
	t.Parallel()
	data, _ := hex.DecodeString("162470696e670a0a0c6b2c76616c7565001c796573")
	// {"ping", 10, k = "value"}, "yes"
	d := seri.NewDecoder(data)
	h, err := d.Next()
	if err != nil || h.Kind != seri.KindTable || h.ArrayLen != 2 || d.Depth() != 1 {
		t.Fatalf("header %+v %v", h, err)
	}
	if h, _ = d.Next(); h.Kind != seri.KindString || string(h.Str) != "ping" {
		t.Fatalf("elem 1 %+v", h)
	}
	if &h.Str[0] != &data[2] {
		t.Error("string bytes were copied")
	}
	if h, _ = d.Next(); h.Kind != seri.KindInt || h.Int != 10 {
		t.Fatalf("elem 2 %+v", h)
	}
	k, ok, err := d.NextKey()
	if !ok || err != nil || string(k.Str) != "k" {
		t.Fatalf("key %+v %v %v", k, ok, err)
	}
	if h, _ = d.Next(); string(h.Str) != "value" {
		t.Fatalf("value %+v", h)
	}
	if _, ok, err = d.NextKey(); ok || err != nil || d.Depth() != 0 {
		t.Fatalf("end %v %v depth %d", ok, err, d.Depth())
	}
	if h, _ = d.Next(); string(h.Str) != "yes" || d.More() || d.Remaining() != 0 || d.Offset() != len(data) {
		t.Fatalf("tail %+v", h)
	}
	if _, _, err = d.NextKey(); !errors.Is(err, seri.ErrNoTable) {
		t.Fatalf("NextKey at top level: %v", err)
	}
	d.Reset(data[:1])
	if _, err = d.Next(); !errors.Is(err, seri.ErrInvalidStream) {
		t.Fatalf("after Reset: %v", err)
	}
	if seri.KindTable.String() != "table" || seri.Kind(99).String() != "invalid" {
		t.Error("Kind.String")
	}
}
