package client

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// testC2S is the example protocol plus requests with every field type.
const testC2S = ExampleC2S + `
.point { x 0 : integer  y 1 : integer }

typed 5 {
	request {
		n 0 : integer
		ok 1 : boolean
		d 2 : double
		money 3 : integer(2)
		blob 4 : binary
		list 5 : *integer
		s 6 : string
	}
}

nested 6 { request { p 0 : point } }
points 7 { request { ps 0 : *point(x) } }
`

func testSchema(t testing.TB) *sproto.Schema {
	t.Helper()
	s, err := sproto.Parse(testC2S)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParse(t *testing.T) {
	t.Parallel()
	c2s := testSchema(t)
	req := func(name string, args map[string]any) Command {
		return Command{Op: OpRequest, Name: name, Args: args}
	}
	tests := []struct {
		line string
		want Command
	}{
		{"", Command{Op: OpNone}},
		{"   # a comment", Command{Op: OpNone}},
		{"help", Command{Op: OpHelp}},
		{" exit ", Command{Op: OpExit}},
		{"handshake", req("handshake", nil)},
		{"quit", req("quit", nil)},
		{"get hello", req("get", map[string]any{"what": "hello"})},
		{"set hello world", req("set", map[string]any{"what": "hello", "value": "world"})},
		{"set\thello   world", req("set", map[string]any{"what": "hello", "value": "world"})},
		{`set "hello world" 'say "hi"'`, req("set", map[string]any{"what": "hello world", "value": `say "hi"`})},
		{`set k "tab\there\u00e9"`, req("set", map[string]any{"what": "k", "value": "tab\there\u00e9"})},
		{`set k ""`, req("set", map[string]any{"what": "k", "value": ""})},
		{`set a"b c"d e`, req("set", map[string]any{"what": "ab cd", "value": "e"})},
		{"raw 15020404", Command{Op: OpRaw, Raw: []byte{0x15, 0x02, 0x04, 0x04}}},
		{"raw 15 02 04 04", Command{Op: OpRaw, Raw: []byte{0x15, 0x02, 0x04, 0x04}}},
		{"raw 0xFF00", Command{Op: OpRaw, Raw: []byte{0xff, 0x00}}},
		{"typed 42 true 1.5 3.14 abc 1,2,3 x", req("typed", map[string]any{
			"n": int64(42), "ok": true, "d": 1.5, "money": 3.14, "blob": []byte("abc"),
			"list": []any{int64(1), int64(2), int64(3)}, "s": "x",
		})},
		{"typed 0x10 F -2 0 '' 7 ''", req("typed", map[string]any{
			"n": int64(16), "ok": false, "d": -2.0, "money": 0.0, "blob": []byte{},
			"list": []any{int64(7)}, "s": "",
		})},
	}
	for _, tt := range tests {
		got, err := Parse(tt.line, c2s)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.line, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.line, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	c2s := testSchema(t)
	tests := []struct {
		line string
		want error
		msg  string
	}{
		{"frob", ErrUnknownCommand, `client: unknown protocol or command "frob" (type help)`},
		{"HANDSHAKE", ErrUnknownCommand, `"HANDSHAKE"`},
		{"get", ErrValueCount, "client: wrong number of values: get takes 1 (what:string), got 0"},
		{"get a b", ErrValueCount, "get takes 1 (what:string), got 2"},
		{"set hello", ErrValueCount, "set takes 2 (what:string value:string), got 1"},
		{"handshake now", ErrValueCount, "handshake takes no values, got 1"},
		{"raw", ErrBadHex, "raw needs the frame payload in hex"},
		{"raw 150", ErrBadHex, "odd length"},
		{"raw zz", ErrBadHex, "invalid byte"},
		{`set "hello world`, ErrQuote, "unterminated \" at column 5"},
		{`set 'hello world`, ErrQuote, "unterminated ' at column 5"},
		{`set "\q" x`, ErrQuote, `"\q"`},
		{"typed x true 1 1 b 1 s", ErrBadValue, `typed: client: bad value: n (integer) cannot be "x"`},
		{"typed 1 maybe 1 1 b 1 s", ErrBadValue, `ok (boolean) cannot be "maybe"`},
		{"typed 1 true 1 1 b 1,,2 s", ErrBadValue, `list (*integer) cannot be ""`},
		{"typed 99999999999999999999 true 1 1 b 1 s", ErrBadValue, "n (integer)"},
		{"nested 1", ErrFieldType, "p is point; send it with raw"},
		{"points 1", ErrFieldType, "ps is *point(x)"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.line, c2s)
		if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q): %v\nwant %v containing %q", tt.line, err, tt.want, tt.msg)
		}
	}
}

// Bad input through a live connection leaves it usable.
func TestBadInputKeepsConnection(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{})
	s := dial(t, g.addr())
	for _, line := range []string{"frob", "get", "set only", "raw", "raw xyz", `get "open`} {
		if _, err := s.Exec(line); err == nil {
			t.Fatalf("%q: no error", line)
		}
	}
	s.exec("handshake")
	// Rejected lines used no session.
	s.expect(`RESPONSE session=1 handshake msg="` + welcome + `"`)
	if _, err := s.Request("nope", nil); !errors.Is(err, ErrUnknownCommand) {
		t.Fatalf("Request(nope): %v", err)
	}
	_, frames, _ := g.received()
	if len(frames) != 1 {
		t.Fatalf("gate got %d frames, want only the handshake", len(frames))
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	p, _ := ExampleProtocol()
	g := startGate(t, gateConfig{})
	s := dial(t, g.addr())
	if cmd, err := s.Exec("help"); err != nil || cmd.Op != OpHelp {
		t.Fatalf("help: %v %v", cmd, err)
	}
	out := s.out.String()
	for _, want := range []string{
		"raw HEX", "\n  handshake\n", "\n  get what:string\n",
		"\n  set what:string value:string   (no response defined)\n", "\n  quit   (no response defined)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	if got := strings.Join(Words(p.C2S), " "); got != "raw help exit handshake get set quit" {
		t.Errorf("Words: %s", got)
	}
}

// FuzzParse: any line either fails with one of the package's errors or
// yields a request the encoder accepts.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"handshake", "set hello world", `set "a b" 'c'`, "raw 15020404", "get",
		"typed 42 true 1.5 3.14 abc 1,2,3 x", `set "\x00" ''`, "nested 1", "#",
	} {
		f.Add(seed)
	}
	c2s := testSchema(f)
	host, err := sproto.NewHost(c2s, "package")
	if err != nil {
		f.Fatal(err)
	}
	encode := host.Attach(c2s)
	f.Fuzz(func(t *testing.T, line string) {
		cmd, err := Parse(line, c2s)
		if err != nil {
			for _, e := range []error{ErrUnknownCommand, ErrValueCount, ErrBadValue, ErrFieldType, ErrQuote, ErrBadHex} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("Parse(%q): unexpected error %v", line, err)
		}
		if cmd.Op == OpRequest {
			if _, err := encode(cmd.Name, cmd.Args, sproto.WithSession(1), nil); err != nil {
				t.Fatalf("Parse(%q) = %#v does not encode: %v", line, cmd, err)
			}
		}
	})
}
