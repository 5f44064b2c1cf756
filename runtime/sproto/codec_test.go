package sproto

import (
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"
)

func typesSchema(t testing.TB) *Schema {
	return schemaCache{}.get(t, "types.sproto")
}

func encodeHex(t *testing.T, typ *Type, msg map[string]any) string {
	t.Helper()
	b, err := typ.Encode(msg)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func roundTrip(t *testing.T, typ *Type, msg map[string]any) map[string]any {
	t.Helper()
	b, err := typ.Encode(msg)
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := typ.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(b) {
		t.Fatalf("consumed %d of %d", n, len(b))
	}
	return got
}

func TestFoobarRoundTrip(t *testing.T) {
	s := schemaCache{}.get(t, "foobar.sproto")
	typ := s.Type("foobar")
	d := NewMap(2)
	d.Set("x", map[string]any{"a": "x", "b": true, "c": int64(-1), "d": 1.5})
	d.Set("y", map[string]any{"a": "y", "c": int64(1) << 40})
	m := NewMap(2)
	m.Set("k1", map[string]any{"a": "n1"})
	m.Set("k2", map[string]any{"b": false})
	msg := map[string]any{
		"a": "hello", "b": int64(1000000), "c": true, "d": d,
		"e": []any{"ABC", "", "def"}, "f": []any{int64(1), int64(2), int64(3)},
		"g": []any{true, false, true}, "h": []any{map[string]any{"b": int64(100)}, map[string]any{}},
		"i": []any{1.23, -4.5, 0.0}, "j": []byte{0, 1, 2, 0xff}, "k": 12.34,
		"l": []any{math.Inf(1), -0.0, 1e-300}, "m": m,
	}
	sameValue(t, "foobar", roundTrip(t, typ, msg), msg)
}

func TestUnknownTagsSkipped(t *testing.T) {
	s := typesSchema(t)
	b, err := s.Encode("All", map[string]any{
		"i": 7, "b": true, "s": "kept", "ia": []any{1, 2}, "sub": map[string]any{"i": 1}, "far": 9,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Decode("AllV1", b)
	if err != nil {
		t.Fatal(err)
	}
	sameValue(t, "AllV1", got, map[string]any{"i": int64(7), "s": "kept", "far": int64(9)})
}

func TestEncodeLuaCoercions(t *testing.T) {
	typ := typesSchema(t).Type("All")
	same := func(a, b map[string]any) {
		t.Helper()
		if x, y := encodeHex(t, typ, a), encodeHex(t, typ, b); x != y {
			t.Errorf("%v -> %s, %v -> %s", a, x, b, y)
		}
	}
	same(map[string]any{"i": "12"}, map[string]any{"i": 12})
	same(map[string]any{"i": " 0x10 "}, map[string]any{"i": 16})
	same(map[string]any{"i": "1e2"}, map[string]any{"i": 100})
	same(map[string]any{"i": 3.0}, map[string]any{"i": uint8(3)})
	same(map[string]any{"d": 2}, map[string]any{"d": 2.0})
	same(map[string]any{"d": "2.5"}, map[string]any{"d": 2.5})
	same(map[string]any{"s": []byte("x")}, map[string]any{"s": "x"})
	same(map[string]any{"ia": []any{1, 2, nil, 4}}, map[string]any{"ia": []int64{1, 2}})
	same(map[string]any{"sa": []string{"a"}}, map[string]any{"sa": []any{"a"}})
	same(map[string]any{"e": []any{}}, map[string]any{"e": map[string]any{}})
	same(map[string]any{"ia": map[string]any{}}, map[string]any{"ia": []any{}})
	same(map[string]any{"unknown": 1, "i": nil}, map[string]any{})
	// integer(0) takes the decimal path: floats are rounded.
	same(map[string]any{"zero": 2.5}, map[string]any{"zero": 3})
	same(map[string]any{"zero": -2.5}, map[string]any{"zero": -3})
	if got := roundTrip(t, typ, map[string]any{"zero": 3})["zero"]; got != 3.0 {
		t.Errorf("integer(0) decodes to %#v, want a float", got)
	}
	// Half away from zero ...
	same(map[string]any{"dec": 0.0005}, map[string]any{"dec": 0.001})
	same(map[string]any{"deca": []any{-0.05}}, map[string]any{"deca": []any{-0.1}})
	// ... on a double: 1.005*100 is 100.49999...
	person := schemaCache{}.get(t, "addressbook.sproto").Type("Person")
	if x, y := encodeHex(t, person, map[string]any{"height": 1.005}), encodeHex(t, person, map[string]any{"height": 1.0}); x != y {
		t.Errorf("1.005 -> %s, 1.00 -> %s", x, y)
	}
}

func TestEncodeTypeErrors(t *testing.T) {
	typ := typesSchema(t).Type("All")
	for _, tt := range []struct {
		msg  map[string]any
		want string
	}{
		{map[string]any{"i": 1.5}, "All.i[0] is not an integer (Is a number)"},
		{map[string]any{"i": "abc"}, "All.i[0] is not an integer (Is a string)"},
		{map[string]any{"i": true}, "All.i[0] is not an integer (Is a boolean)"},
		{map[string]any{"i": uint64(1 << 63)}, "is not an integer"},
		{map[string]any{"i": "inf"}, "is not an integer"},
		{map[string]any{"b": 1}, "All.b[0] is not a boolean (Is a number)"},
		{map[string]any{"s": 12}, "All.s[0] is not a string (Is a number)"},
		{map[string]any{"d": "x"}, "All.d[0] is not a number (Is a string)"},
		{map[string]any{"e": 1}, "All.e[0] is not a table (Is a number)"},
		{map[string]any{"ia": 1}, "All.*ia(1) should be a table (Is a number)"},
		{map[string]any{"ia": []any{1, "x"}}, "All.ia[2] is not an integer (Is a string)"},
		{map[string]any{"ba": []any{true, 0}}, "All.ba[2] is not a boolean"},
		{map[string]any{"pa": []any{1}}, "All.pa[1] is not a table (Is a number)"},
		{map[string]any{"kv": 3}, "All.*kv(1) should be a table"},
		{map[string]any{"kv": map[string]any{"a": "b"}}, "Pair.value[0] is not an integer (Is a string)"},
		{map[string]any{"sub": map[string]any{"s": false}}, "All.s[0] is not a string (Is a boolean)"},
	} {
		_, err := typ.Encode(tt.msg)
		wantErr(t, err, tt.want)
		if !errors.Is(err, ErrEncode) {
			t.Errorf("%v does not wrap ErrEncode", err)
		}
	}
}

func TestMapFieldForms(t *testing.T) {
	typ := typesSchema(t).Type("All")
	om := NewMap(2)
	om.Set("b", int64(2))
	om.Set("a", int64(1))
	ordered := encodeHex(t, typ, map[string]any{"kv": om})
	sorted := encodeHex(t, typ, map[string]any{"kv": map[string]any{"b": 2, "a": 1}})
	if ordered == sorted {
		t.Error("a Map should keep its own order, not sort")
	}
	om2 := NewMap(2)
	om2.Set("a", 1)
	om2.Set("b", 2)
	if x := encodeHex(t, typ, map[string]any{"kv": om2}); x != sorted {
		t.Errorf("sorted map %s, ordered %s", sorted, x)
	}
	// *Item(id): the values are written, keys ignored; decode keys by id.
	items := []any{map[string]any{"id": 5, "name": "five"}, map[string]any{"id": 9, "price": 1.25}}
	got := roundTrip(t, typ, map[string]any{"items": items})
	want := NewMap(2)
	want.Set(5, map[string]any{"id": int64(5), "name": "five"})
	want.Set(9, map[string]any{"id": int64(9), "price": 1.25})
	sameValue(t, "items", got["items"], want)
	// A keyed entry without its key cannot be decoded.
	b, err := typ.Encode(map[string]any{"items": []any{map[string]any{"name": "anon"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = typ.Decode(b)
	wantErr(t, err, "Can't find main index (tag=0) in [items]")
}

func TestMapKeys(t *testing.T) {
	m := NewMap(0)
	m.Set(1, "a")
	m.Set(int64(1), "b")
	m.Set(1.0, "c")
	m.Set([]byte("k"), "d")
	if m.Len() != 2 {
		t.Fatalf("len %d", m.Len())
	}
	if v, _ := m.Get(uint16(1)); v != "c" {
		t.Errorf("Get(1) = %v", v)
	}
	if v, _ := m.Get("k"); v != "d" {
		t.Errorf("Get(k) = %v", v)
	}
	var nilMap *Map
	if _, ok := nilMap.Get(1); ok || nilMap.Len() != 0 {
		t.Error("nil Map")
	}
}

func nest(depth int) map[string]any {
	m := map[string]any{}
	for i := 0; i < depth; i++ {
		m = map[string]any{"sub": m}
	}
	return m
}

func TestDepthLimit(t *testing.T) {
	typ := typesSchema(t).Type("All")
	if _, err := typ.Encode(nest(maxDepth - 1)); err != nil {
		t.Fatalf("depth %d: %v", maxDepth-1, err)
	}
	_, err := typ.Encode(nest(maxDepth))
	wantErr(t, err, "The table is too deep")

	// Build the too-deep encoding by hand: decode must refuse it.
	b := []byte{0, 0}
	for i := 0; i < maxDepth; i++ {
		// header: one skip record over tags 0..100, then tag 101 in data.
		h := []byte{2, 0, 0xc9, 0, 0, 0}
		h = append(h, byte(len(b)), byte(len(b)>>8), 0, 0)
		b = append(h, b...)
	}
	_, _, err = typ.Decode(b)
	wantErr(t, err, "The table is too deep")
}

func TestLargeMessage(t *testing.T) {
	typ := typesSchema(t).Type("All")
	msg := map[string]any{"s": strings.Repeat("z", 5000), "ia": make([]any, 0, 600)}
	for i := 0; i < 600; i++ {
		msg["ia"] = append(msg["ia"].([]any), int64(i*1000))
	}
	sameValue(t, "large", roundTrip(t, typ, msg), msg)
	_, err := typ.Encode(map[string]any{"bin": make([]byte, maxEncodeSize)})
	wantErr(t, err, "object is too large")
}

func TestDecodeMalformed(t *testing.T) {
	s := typesSchema(t)
	all := s.Type("All")
	for _, tt := range []struct{ name, hex string }{
		{"empty", ""},
		{"one byte", "01"},
		{"header past end", "0200"},
		{"data size past end", "01000000050000004142"},
		{"data size missing", "0100000001"},
		{"inline string", "030004000400"}, // s (tag 2) inline
		{"inline array", "0200" + "0d00" + "0400"},
		{"integer of size 3", "0100000003000000010203"},
		{"double of size 4", "02000500000004000000" + "00000000"},
		{"bool in data", "020001000000" + "0100000001"},
		{"int array width 3", "02000d000000" + "0400000003010203"},
		{"int array ragged", "02000d000000" + "030000000401ff"},
		{"string array truncated", "02001100000003000000010000"},
		{"struct element too short", "02000b000000" + "0100000000"},
		{"struct with trailing bytes", "02000b000000" + "03000000000000"},
		{"map element truncated", "02001d000000" + "0600000004000000ffff"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := all.Decode(unhex(t, tt.hex))
			if !errors.Is(err, ErrDecode) {
				t.Fatalf("got %v, want a decode error", err)
			}
			wantErr(t, err, "decode error")
		})
	}
	// A width byte alone is an empty array.
	got, _, err := all.Decode(unhex(t, "02000d000000"+"0100000004"))
	if err != nil {
		t.Fatal(err)
	}
	sameValue(t, "width only", got, map[string]any{"ia": []any{}})
}
