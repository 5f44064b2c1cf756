package client

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// lockedBuffer is an output writer the test reads while the reader
// goroutine writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// session is a client under test: its events arrive on a channel.
type session struct {
	*Conn
	t      *testing.T
	events chan Event
	out    *lockedBuffer
}

func dial(t *testing.T, addr string, opts ...Option) *session {
	t.Helper()
	s := &session{t: t, events: make(chan Event, 64), out: &lockedBuffer{}}
	opts = append([]Option{WithOutput(s.out), WithHandler(func(ev Event) { s.events <- ev })}, opts...)
	c, err := Dial(context.Background(), addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	s.Conn = c
	t.Cleanup(func() { _ = c.Close() })
	return s
}

func (s *session) exec(line string) {
	s.t.Helper()
	if _, err := s.Exec(line); err != nil {
		s.t.Fatalf("%s: %v", line, err)
	}
}

// next returns the next event as its printed line.
func (s *session) next() string {
	s.t.Helper()
	select {
	case ev := <-s.events:
		return ev.String()
	case <-time.After(10 * time.Second):
		s.t.Fatal("no event")
		return ""
	}
}

func (s *session) expect(want ...string) {
	s.t.Helper()
	for _, w := range want {
		if got := s.next(); got != w {
			s.t.Fatalf("event\n got %s\nwant %s", got, w)
		}
	}
}

// closed waits for the connection to end.
func (s *session) closed() (CloseReason, error) {
	s.t.Helper()
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		s.t.Fatal("connection did not close")
	}
	return s.Closed()
}

// TestExampleConversation replays skynet's examples/client.lua: handshake,
// set, get, quit, with sessions counting from 1 on every request.
func TestExampleConversation(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{})
	s := dial(t, g.addr())
	s.exec("handshake")
	s.expect(`RESPONSE session=1 handshake msg="` + welcome + `"`)
	s.exec("set hello world")
	if n := s.Outstanding(); n != 0 {
		t.Fatalf("set has no response, yet %d outstanding", n)
	}
	s.exec("get hello")
	s.expect(`RESPONSE session=3 get result="world"`)
	s.exec("quit")
	if r, err := s.closed(); r != ServerClosed || err != nil {
		t.Fatalf("closed: %v, %v", r, err)
	}
	want := `RESPONSE session=1 handshake msg="` + welcome + `"` + "\n" +
		`RESPONSE session=3 get result="world"` + "\n"
	if got := s.out.String(); got != want {
		t.Fatalf("output\n%s\nwant\n%s", got, want)
	}
	_, _, names := g.received()
	if got := strings.Join(names, " "); got != "handshake/1 set/2 get/3 quit/4" {
		t.Fatalf("gate saw %s", got)
	}
	if _, err := s.Exec("handshake"); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("after close: %v", err)
	}
	if err := s.SendRaw([]byte{0}); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("raw after close: %v", err)
	}
}

// skynet's agent.lua answers every request that has a session, so a set
// gets a reply without body; it prints like any other response.
func TestHeaderOnlyReply(t *testing.T) {
	t.Parallel()
	g := startGate(t, gateConfig{replySet: true})
	s := dial(t, g.addr())
	s.exec("set hello world")
	s.expect("RESPONSE session=1 set")
	s.exec("get hello")
	s.expect(`RESPONSE session=2 get result="world"`)
}

func TestServerPush(t *testing.T) {
	t.Parallel()
	t.Run("heartbeat", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{heartbeat: true})
		s := dial(t, g.addr())
		s.exec("handshake")
		s.expect(`RESPONSE session=1 handshake msg="`+welcome+`"`, "REQUEST heartbeat")
	})
	t.Run("with session and fields", func(t *testing.T) {
		t.Parallel()
		p, err := ParseProtocol(ExampleC2S, ExampleS2C+`
notify 2 { request { text 0 : string  n 1 : integer } }`)
		if err != nil {
			t.Fatal(err)
		}
		g := startGate(t, gateConfig{})
		s := dial(t, g.addr(), WithProtocol(p))
		srv, _ := sproto.NewHost(p.C2S, "package")
		msg, err := srv.Attach(p.S2C)("notify", map[string]any{"n": 7, "text": "hi"}, sproto.WithSession(9), nil)
		if err != nil {
			t.Fatal(err)
		}
		g.send(g.conn(), msg)
		s.expect(`REQUEST session=9 notify text="hi" n=7`)
	})
}
