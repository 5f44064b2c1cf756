package seri_test

import (
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// nest wraps inner in n single-element tables.
func nest(n int, inner any) any {
	v := inner
	for i := 0; i < n; i++ {
		v = &seri.Table{Array: []any{v}}
	}
	return v
}

func TestPackEdges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []any
		hex  string
	}{
		{"nan", []any{math.Float64frombits(0xfff8000000000000)}, "42000000000000f8ff"},
		{"-inf", []any{math.Inf(-1)}, "42000000000000f0ff"},
		{"subnormal", []any{math.Float64frombits(1)}, "420100000000000000"},
		{"float32", []any{float32(1.5)}, "42000000000000f83f"},
		{"int_kinds", []any{int8(-1), int16(256), int32(65536), uint8(255), uint16(65535), uint32(1 << 31), uint(7)},
			"22ffffffff" + "120001" + "2200000100" + "0aff" + "12ffff" + "320000008000000000" + "0a07"},
		{"uint64_max_int", []any{uint64(math.MaxInt64)}, "32ffffffffffffff7f"},
		{"bytes", []any{[]byte("hi")}, "146869"},
		{"userdata", []any{seri.Userdata(0x1122334455667788)}, "038877665544332211"},
		{"typed_nil_table", []any{(*seri.Table)(nil)}, "00"},
		{"table_value", []any{seri.Table{Array: []any{true}}}, "0e0900"},
		{"slice", []any{[]any{int64(1), nil, "x"}}, "1e0a01000c7800"},
		{"map_sorted", []any{map[string]any{"b": 2, "a": 1}}, "060c610a010c620a0200"},
		{"hole_array", []any{&seri.Table{Array: []any{1, nil, 3}}}, "1e0a01000a0300"},
		{"pairs_style", []any{&seri.Table{Hash: []seri.KV{{Key: 1, Value: "a"}, {Key: 2, Value: "b"}}}}, "060a010c610a020c6200"},
		{"bool_key_table_key", []any{&seri.Table{Hash: []seri.KV{{Key: true, Value: &seri.Table{}}, {Key: &seri.Table{}, Value: 1.5}}}},
			"06090600060042000000000000f83f00"},
	}
	for _, tc := range tests {
		got, err := seri.Pack(tc.in...)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if h := hex.EncodeToString(got); h != tc.hex {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, h, tc.hex)
		}
	}
}

func TestPackSizes(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("q", 65536)
	b, err := seri.Pack(long)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(b[:5]); got != "2500000100" {
		t.Errorf("65536-byte string header %s", got)
	}
	for _, tc := range []struct {
		n      int
		prefix string
	}{{30, "f6"}, {31, "fe0a1f"}, {300, "fe122c01"}, {70000, "fe2270110100"}} {
		arr := make([]any, tc.n)
		b, err := seri.Pack(arr)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != len(tc.prefix)/2+tc.n+1 || !strings.HasPrefix(hex.EncodeToString(b), tc.prefix) {
			t.Errorf("array %d: len %d prefix %x", tc.n, len(b), b[:min(len(b), 6)])
		}
		back, err := seri.Unpack(b)
		if err != nil || len(back[0].(*seri.Table).Array) != tc.n {
			t.Errorf("array %d: unpack %v", tc.n, err)
		}
	}
}

func TestPackDepth(t *testing.T) {
	t.Parallel()
	// 32 nested tables holding a value: the value sits at depth 32.
	if _, err := seri.Pack(nest(32, 1)); err != nil {
		t.Errorf("depth 32: %v", err)
	}
	// An empty 33rd table is fine: nothing is packed inside it.
	if _, err := seri.Pack(nest(32, &seri.Table{})); err != nil {
		t.Errorf("empty 33rd level: %v", err)
	}
	_, err := seri.Pack(nest(33, 1))
	if !errors.Is(err, seri.ErrTooDeep) || err.Error() != "serialize can't pack too depth table" {
		t.Errorf("depth 33: %v", err)
	}
	// Hash keys count as contents too.
	deepKey := nest(32, &seri.Table{Hash: []seri.KV{{Key: "k", Value: nil}}})
	if _, err := seri.Pack(deepKey); !errors.Is(err, seri.ErrTooDeep) {
		t.Errorf("deep key: %v", err)
	}
	// A self-referencing table stops at the depth limit instead of looping.
	cyc := &seri.Table{}
	cyc.Hash = []seri.KV{{Key: "self", Value: cyc}}
	if _, err := seri.Pack(cyc); !errors.Is(err, seri.ErrTooDeep) {
		t.Errorf("cycle: %v", err)
	}
}

func TestPackErrors(t *testing.T) {
	t.Parallel()
	_, err := seri.Pack(func() {})
	if err == nil || err.Error() != "Unsupport type function to serialize" || !errors.Is(err, seri.ErrUnsupportedType) {
		t.Errorf("func: %v", err)
	}
	_, err = seri.Pack([]any{1, make(chan int)})
	if err == nil || err.Error() != "Unsupport type chan int to serialize" {
		t.Errorf("chan: %v", err)
	}
	if _, err = seri.Pack(uint64(1 << 63)); !errors.Is(err, seri.ErrIntegerOverflow) {
		t.Errorf("uint64: %v", err)
	}
	var e seri.Encoder
	if err := e.EndTable(); !errors.Is(err, seri.ErrUnbalanced) {
		t.Errorf("EndTable: %v", err)
	}
	if err := e.BeginTable(-1); !errors.Is(err, seri.ErrTableLength) {
		t.Errorf("BeginTable(-1): %v", err)
	}
}

// Not parallel: AllocsPerRun refuses to run alongside parallel tests.
func TestEncoderReuse(t *testing.T) {
	e := seri.NewEncoder(64)
	write := func() {
		e.Reset()
		_ = e.WriteString("ping")
		_ = e.WriteInt(1)
		_ = e.WriteString("x")
		_ = e.BeginTable(1)
		_ = e.WriteReal(0.5)
		_ = e.WriteBytes([]byte("k"))
		_ = e.WriteBool(true)
		_ = e.WriteUserdata(9)
		_ = e.WriteNil()
		_ = e.EndTable()
	}
	write()
	want := "2470696e670a010c780e42000000000000e03f0c6b09" + "030900000000000000" + "0000"
	if got := hex.EncodeToString(e.Bytes()); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if e.Depth() != 0 || e.Len() != len(want)/2 {
		t.Fatalf("depth %d len %d", e.Depth(), e.Len())
	}
	if n := testing.AllocsPerRun(100, write); n != 0 {
		t.Errorf("reused Encoder allocates %v times per message", n)
	}
}
