package client

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/netpack"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// 15020404 is handshake with session 1, as client.lua would send it.
func TestRawFrame(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{})
	s := dial(t, g.addr())
	s.exec("raw 15020404")
	// The raw request's session is tracked, so its answer decodes...
	s.expect(`RESPONSE session=1 handshake msg="` + welcome + `"`)
	// ...and the next request does not reuse it.
	s.exec("handshake")
	s.expect(`RESPONSE session=2 handshake msg="` + welcome + `"`)
	// Bytes that are no request go out untouched and expect nothing.
	s.exec("raw ff 00")
	if n := s.Outstanding(); n != 0 {
		t.Fatalf("%d outstanding after a raw non-request", n)
	}
	s.exec("quit")
	s.closed()
	stream, frames, _ := g.received()
	if got := hex.EncodeToString(frames[0]); got != "15020404" {
		t.Fatalf("gate got raw frame %s", got)
	}
	if got := hex.EncodeToString(frames[2]); got != "ff00" {
		t.Fatalf("gate got raw frame %s", got)
	}
	if !bytes.HasPrefix(stream, []byte{0, 4, 0x15, 0x02, 0x04, 0x04}) {
		t.Fatalf("stream starts % x", stream[:6])
	}
}

func TestLineFraming(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{line: true})
	s := dial(t, g.addr(), WithFraming(FramingLine))
	s.exec("raw 15020404")
	s.expect(`RESPONSE session=1 handshake msg="` + welcome + `"`)
	s.exec("get nothing")
	s.expect(`RESPONSE session=2 get result=""`)
	stream, _, _ := g.received()
	if got := hex.EncodeToString(stream[:7]); got != "0004150204040a" {
		t.Fatalf("line frame %s, want 0004150204040a", got)
	}
	if stream[len(stream)-1] != '\n' {
		t.Fatalf("second frame does not end in a newline: % x", stream)
	}
}

func TestFramingNames(t *testing.T) {
	t.Parallel()
	for _, f := range []Framing{FramingS2, FramingLine} {
		got, err := ParseFraming(f.String())
		if err != nil || got != f {
			t.Fatalf("%v: %v, %v", f, got, err)
		}
	}
	if _, err := ParseFraming("crlf"); err == nil || !strings.Contains(err.Error(), "crlf") {
		t.Fatalf("ParseFraming(crlf): %v", err)
	}
}

func TestInvalidFrames(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{silentGet: true})
	s := dial(t, g.addr())
	p, _ := ExampleProtocol()
	header := func(m map[string]any) []byte {
		b, err := p.S2C.Encode("package", m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	conn := g.conn()

	// Not 0-packed data at all.
	g.send(conn, []byte{0xff})
	s.expect("INVALID 1 bytes ff: sproto: Invalid unpack stream")

	// A well-formed response to a session nobody sent.
	g.send(conn, sproto.Pack(header(map[string]any{"session": 99})))
	if got := s.next(); !strings.HasPrefix(got, "INVALID 4 bytes 150201c8") || !strings.HasSuffix(got, " session=99: sproto: session error: Unknown session 99") {
		t.Fatalf("got %s", got)
	}

	// The response to a pending get whose body is broken settles the
	// session: nothing else will answer it.
	s.exec("get x")
	body := append(header(map[string]any{"session": 1}), 0x05, 0x00) // 5 fields, no room
	g.send(conn, sproto.Pack(body))
	if got := s.next(); !strings.Contains(got, " session=1 get: sproto: ") {
		t.Fatalf("got %s", got)
	}
	if n := s.Outstanding(); n != 0 {
		t.Fatalf("%d outstanding after the broken answer", n)
	}

	// A long frame prints only its first bytes.
	g.send(conn, bytes.Repeat([]byte{0xff}, 300))
	if got := s.next(); !strings.Contains(got, "ffff...(+44): ") {
		t.Fatalf("got %.80s...", got)
	}
}

// TestSplitReads cuts the server's bytes at every position: the events
// must not depend on how the stream arrives.
func TestSplitReads(t *testing.T) {
	t.Parallel()
	p, _ := ExampleProtocol()
	srv, _ := sproto.NewHost(p.C2S, "package")
	push := srv.Attach(p.S2C)
	req, _ := srv.Attach(p.C2S)("handshake", nil, sproto.WithSession(1), nil)
	d, err := srv.Dispatch(req)
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := d.Responder(map[string]any{"msg": "hi"}, nil)
	hb, _ := push("heartbeat", nil, sproto.Session{}, nil)
	var stream []byte
	for _, f := range [][]byte{resp, hb} {
		stream, _ = netpack.AppendPack(stream, f)
	}
	for cut := 0; cut <= len(stream); cut++ {
		client, server := net.Pipe()
		s := &session{t: t, events: make(chan Event, 4)}
		c, err := New(client, WithHandler(func(ev Event) { s.events <- ev }))
		if err != nil {
			t.Fatal(err)
		}
		s.Conn = c
		go func() {
			// Take the handshake request, then answer in two pieces.
			var hdr [2]byte
			_, _ = io.ReadFull(server, hdr[:])
			_, _ = io.CopyN(io.Discard, server, int64(hdr[0])<<8|int64(hdr[1]))
			_, _ = server.Write(stream[:cut])
			_, _ = server.Write(stream[cut:])
			_ = server.Close()
		}()
		s.exec("handshake")
		s.expect(`RESPONSE session=1 handshake msg="hi"`, "REQUEST heartbeat")
		if r, err := s.closed(); r != ServerClosed || err != nil {
			t.Fatalf("cut %d: %v %v", cut, r, err)
		}
		_ = c.Close()
	}
}

func TestRawTooLarge(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{})
	s := dial(t, g.addr())
	if err := s.SendRaw(make([]byte, netpack.MaxFrame+1)); !errors.Is(err, netpack.ErrPayloadTooLarge) {
		t.Fatalf("SendRaw of %d bytes: %v", netpack.MaxFrame+1, err)
	}
	s.exec("handshake")
	s.expect(`RESPONSE session=1 handshake msg="` + welcome + `"`)
}

func TestProtocolErrors(t *testing.T) {
	t.Parallel()
	if _, err := ParseProtocol("bad {", ExampleS2C); err == nil || !strings.HasPrefix(err.Error(), "c2s: ") {
		t.Fatalf("bad c2s: %v", err)
	}
	if _, err := ParseProtocol(ExampleC2S, "bad {"); err == nil || !strings.HasPrefix(err.Error(), "s2c: ") {
		t.Fatalf("bad s2c: %v", err)
	}
	// Both schemas need the .package header type.
	p, err := ParseProtocol(ExampleC2S, ".header { type 0 : integer }\nheartbeat 1 {}")
	if err != nil {
		t.Fatal(err)
	}
	client, server := net.Pipe()
	defer server.Close()
	defer client.Close()
	if _, err := New(client, WithProtocol(p)); !errors.Is(err, sproto.ErrUnknownType) {
		t.Fatalf("New without s2c .package: %v", err)
	}
}
