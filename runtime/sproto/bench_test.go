package sproto

import "testing"

// The protocol of skynet's examples/proto.lua, client to server and back.
const (
	exampleC2S = `
.package {
	type 0 : integer
	session 1 : integer
}

handshake 1 {
	response {
		msg 0  : string
	}
}

get 2 {
	request {
		what 0 : string
	}
	response {
		result 0 : string
	}
}

set 3 {
	request {
		what 0 : string
		value 1 : string
	}
}

quit 4 {}
`
	exampleS2C = `
.package {
	type 0 : integer
	session 1 : integer
}

heartbeat 1 {}
`
)

var setArgs = map[string]any{"what": "hello", "value": "world"}

func TestExampleProtocol(t *testing.T) {
	c2s, s2c := mustParse(t, exampleC2S), mustParse(t, exampleS2C)
	client, _ := NewHost(s2c, "")
	server, _ := NewHost(c2s, "")
	b, err := client.Attach(c2s)("set", setArgs, WithSession(1), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := server.Dispatch(b)
	if err != nil {
		t.Fatal(err)
	}
	sameValue(t, "set", d.Args, setArgs)
	resp, err := d.Responder(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := client.Dispatch(resp); err != nil || r.Args != nil || r.Session.ID != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	push, err := server.Attach(s2c)("heartbeat", nil, Session{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := client.Dispatch(push); err != nil || h.Name != "heartbeat" || h.Responder != nil {
		t.Fatalf("%+v %v", h, err)
	}
}

func BenchmarkSetEncodePack(b *testing.B) {
	typ := mustParse(b, exampleC2S).Type("set.request")
	enc := make([]byte, 0, 64)
	packed := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if enc, err = typ.AppendEncode(enc[:0], setArgs); err != nil {
			b.Fatal(err)
		}
		packed = AppendPack(packed[:0], enc)
	}
	if len(packed) == 0 {
		b.Fatal("nothing packed")
	}
}

func BenchmarkSetUnpackDecode(b *testing.B) {
	typ := mustParse(b, exampleC2S).Type("set.request")
	enc, _ := typ.Encode(setArgs)
	packed := Pack(enc)
	b.ReportAllocs()
	for b.Loop() {
		un, err := Unpack(packed)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := typ.Decode(un); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSetRequest is the whole client side: header, body, 0-pack.
func BenchmarkSetRequest(b *testing.B) {
	c2s, s2c := mustParse(b, exampleC2S), mustParse(b, exampleS2C)
	client, _ := NewHost(s2c, "")
	req := client.Attach(c2s)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := req("set", setArgs, Session{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSetDispatch is the whole server side: unpack, header, body.
func BenchmarkSetDispatch(b *testing.B) {
	c2s, s2c := mustParse(b, exampleC2S), mustParse(b, exampleS2C)
	client, _ := NewHost(s2c, "")
	server, _ := NewHost(c2s, "")
	packed, _ := client.Attach(c2s)("set", setArgs, Session{}, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := server.Dispatch(packed); err != nil {
			b.Fatal(err)
		}
	}
}
