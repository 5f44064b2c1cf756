package sproto

import (
	"encoding/hex"
	"errors"
	"testing"
)

func mustParse(t testing.TB, text string) *Schema {
	t.Helper()
	s, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
		syntax           bool
	}{
		{"syntax first line", ".A { x : integer }", "syntax error at [=text] line (1)", true},
		{"syntax third line", ".A {\n x 0 : integer\n y : string\n}", "syntax error at [=text] line (3)", true},
		{"syntax crlf", ".A {\r\n x 0 : integer\r\n y : string\r\n}", "syntax error at [=text] line (3)", true},
		{"syntax after blank lines", ".A {}\n\n\n}", "syntax error at [=text] line (4)", true},
		{"syntax comment lines", "# one\n# two\n.A { x 0 integer }", "syntax error at [=text] line (3)", true},
		{"lone carriage return", ".A {}\r.B {}", "syntax error at [=text] line (1)", true},
		{"space before suffix", ".A { x 0 : *B (k) }", "syntax error", true},
		{"double star", ".A { x 0 : **B }", "syntax error", true},
		{"dup field", ".A { x 0 : integer x 1 : string }", "redefine x in type A", false},
		{"dup tag", ".A { x 0 : integer y 0 : string }", "redefine tag 0 in type A", false},
		{"dup type", ".A {}\n.A {}", "redefined A", false},
		{"dup nested", ".A { .B {} .B {} }", "redefined A.B", false},
		{"dup protocol", ".A {}\np 1 {}\np 2 {}", "redefined p", false},
		{"dup protocol tag", ".X {}\na 1 {}\nb 1 {}", "redefined protocol tag 1 at a", false},
		{"dup request", ".X {}\np 1 { request X request X }", "redefine request in protocol p", false},
		{"undefined type", ".A { x 0 : Nope }", "Undefined type Nope in type A", false},
		{"undefined request", ".X {}\np 1 { request Nope }", "Undefined request type Nope in protocol p", false},
		{"undefined response", ".X {}\np 1 { response Nope }", "Undefined response type Nope in protocol p", false},
		{"protocols without types", "p 1 {}", "assertion failed!", false},
		{"tag too large", ".A { x 32767 : integer }", "assertion failed!", false},
		{"protocol tag too large", ".A {}\np 70000 {}", "assertion failed!", false},
		{"huge tag", ".A { x 99999999999999999999999 : integer }", "assertion failed!", false},
		{"suffix on scalar", ".A { x 0 : string(3) }", "assertion failed!", false},
		{"bad map index", ".P { a 0 : string }\n.A { m 0 : *P(zz) }", "Invalid map index :zz", false},
		{"map key on struct field", ".Q {}\n.P { a 0 : Q }\n.A { m 0 : *P(a) }", "Invalid map index :a", false},
		{"map on builtin", ".A { m 0 : *string(x) }", "attempt to index a nil value", false},
		{"map too many fields", ".P { a 0 : string b 1 : integer c 2 : integer }\n.A { m 0 : *P() }", "Invalid map definition: m, more than two fields", false},
		{"map one field", ".P { a 0 : string }\n.A { m 0 : *P() }", "Invalid map definition: m", false},
		{"word decimal", ".A { x 0 : *integer(k) }", "attempt to perform arithmetic on a string value", false},
		{"decimal too large", ".A { x 0 : integer(40000) }", "assertion failed!", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBundle(tt.text, "")
			wantErr(t, err, tt.want)
			if tt.syntax != errors.Is(err, ErrSyntax) || tt.syntax == errors.Is(err, ErrSchema) {
				t.Errorf("error %v: syntax=%v", err, tt.syntax)
			}
		})
	}
}

func TestParseChunkName(t *testing.T) {
	_, err := ParseBundle("!", "proto.sproto")
	wantErr(t, err, "syntax error at [proto.sproto] line (1)")
}

func TestParseAccepts(t *testing.T) {
	for _, text := range []string{
		"",
		"# only a comment",
		"# comment at end without newline\n.A {}#x",
		".A{}.B{}",
		".A {x 0:integer}",
		".A {\tx\t0\t:\tinteger\t}",
		".A { x 0 : integer(2) y 1 : *integer( 3 ) }",
		".A { .B { .C {} } c 0 : B.C }",
		".A { x 0 : B(k) }\n.B { k 0 : string }", // a word suffix on a scalar is dropped
		".A { x 0 : integer(k) }",                // ... even on an integer
		".X {}\np 1 { request nil response nil }",
		".X {}\np 1 { request X }\nq 2 { response X }",
	} {
		if _, err := Parse(text); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func TestParseNestingLimit(t *testing.T) {
	text := ""
	for i := 0; i < 2*maxSchemaNesting; i++ {
		text += ".a{"
	}
	for i := 0; i < 2*maxSchemaNesting; i++ {
		text += "}"
	}
	_, err := ParseBundle(text, "")
	if !errors.Is(err, ErrSyntax) {
		t.Fatalf("got %v, want a syntax error", err)
	}
}

func TestSchemaModel(t *testing.T) {
	s := mustParse(t, `
.Outer {
	.Inner { k 0 : string  v 1 : integer }
	a 0 : integer(2)
	b 1 : binary
	c 2 : *Inner(k)
	d 3 : *Inner()
	e 5 : double
	f 7 : *boolean
	g 8 : Inner
}
call 10 {
	request Outer
	response nil
}
ping 11 {}
`)
	o := s.Type("Outer")
	if o == nil || s.Type("Outer.Inner") == nil {
		t.Fatal("types missing")
	}
	if f := o.Field("a"); f.Kind != Integer || f.Decimal != 2 || f.scale != 100 {
		t.Errorf("a: %+v", f)
	}
	if f := o.Field("b"); f.Kind != String || !f.Binary {
		t.Errorf("b: %+v", f)
	}
	if f := o.Field("c"); !f.IsMap() || f.Map || f.Key != 0 || f.Struct.Name != "Outer.Inner" {
		t.Errorf("c: %+v", f)
	}
	if f := o.Field("d"); !f.Map || f.keyField.Name != "k" || f.valueField.Name != "v" {
		t.Errorf("d: %+v", f)
	}
	if f := o.FieldByTag(5); f == nil || f.Name != "e" || f.Kind != Double {
		t.Errorf("tag 5: %+v", f)
	}
	if o.FieldByTag(4) != nil || o.FieldByTag(9) != nil {
		t.Error("found a field at an unused tag")
	}
	if o.maxn != 9 { // 7 fields and the gaps before 5 and before 7
		t.Errorf("maxn %d", o.maxn)
	}
	p := s.Protocol("call")
	if p == nil || p.Tag != 10 || p.Request != o || p.Response != nil || !p.Confirm {
		t.Errorf("call: %+v", p)
	}
	if q := s.ProtocolByTag(11); q == nil || q.Name != "ping" || q.Request != nil || q.Confirm {
		t.Errorf("ping: %+v", q)
	}
	if len(s.Types()) != 2 || len(s.Protocols()) != 2 {
		t.Error("listing")
	}
}

// TestParseResponseNilWithRequest checks the five-record protocol form.
func TestParseResponseNilWithRequest(t *testing.T) {
	b, err := ParseBundle(".R { a 0 : string }\np 7 { request R response nil }", "")
	if err != nil {
		t.Fatal(err)
	}
	// name, tag 7, request 0, skip the response, confirm.
	want := "11000000" + "0500" + "0000" + "1000" + "0200" + "0100" + "0400" + "01000000" + "70"
	if h := hex.EncodeToString(b); len(h) < len(want) || h[len(h)-len(want):] != want {
		t.Errorf("bundle %s does not end with %s", h, want)
	}
}

func TestLoadHostileBundles(t *testing.T) {
	var bundles [][]byte
	for _, v := range readVectors(t, "sproto_schema.jsonl") {
		if h := v.str("hex"); h != "" {
			bundles = append(bundles, unhex(t, h))
		}
	}
	for _, b := range bundles {
		// Every truncation and every single-byte corruption must come back
		// as a schema or an error.
		for n := 0; n < len(b); n++ {
			_, _ = Load(b[:n])
		}
		c := append([]byte(nil), b...)
		for i := range c {
			for _, x := range []byte{0x00, 0x01, 0x02, 0x7f, 0x80, 0xff} {
				old := c[i]
				c[i] = x
				if s, err := Load(c); err == nil {
					exercise(s)
				}
				c[i] = old
			}
		}
	}
	for _, bad := range []string{
		"", "00", "0100", "03000000000000000000", "010001000000",
		"0100000004000000ffffffff",
	} {
		if _, err := Load(unhex(t, bad)); err == nil && bad != "" {
			t.Errorf("Load(%s) accepted", bad)
		}
	}
}

// exercise runs every type of s through encode and decode of an empty
// message, to check a loaded schema is internally consistent.
func exercise(s *Schema) {
	for _, typ := range s.types {
		b, err := typ.Encode(map[string]any{})
		if err == nil {
			_, _, _ = typ.Decode(b)
		}
	}
}
