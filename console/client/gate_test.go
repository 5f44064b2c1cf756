package client

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/netpack"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

const welcome = "Welcome to skynet, I will send heartbeat every 5 sec."

// gateConfig makes the fake gate behave like one variant of a server.
type gateConfig struct {
	line      bool // expect '\n' after every frame
	replySet  bool // answer set with a header-only reply, as skynet's agent.lua does
	silentGet bool // never answer get
	heartbeat bool // push a heartbeat right after answering handshake
}

// fakeGate is skynet's examples pipeline reduced to one goroutine per
// connection: it reads length-prefixed frames, dispatches them with a c2s
// host and answers like the example agent.
type fakeGate struct {
	t    *testing.T
	cfg  gateConfig
	ln   net.Listener
	c2s  *sproto.Host
	push sproto.RequestEncoder
	wg   sync.WaitGroup

	accepted chan net.Conn // the first connection, once accepted

	mu     sync.Mutex
	stream []byte   // every byte received, in order
	frames [][]byte // the payloads received
	names  []string // "name/session" of each dispatched request
	store  map[string]string
	errs   []error
	wmu    sync.Mutex
}

func startGate(t *testing.T, cfg gateConfig) *fakeGate {
	t.Helper()
	p, err := ExampleProtocol()
	if err != nil {
		t.Fatal(err)
	}
	c2s, err := sproto.NewHost(p.C2S, "package")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := &fakeGate{
		t: t, cfg: cfg, ln: ln, c2s: c2s, push: c2s.Attach(p.S2C),
		accepted: make(chan net.Conn, 1),
		store:    map[string]string{},
	}
	g.wg.Add(1)
	go g.acceptLoop()
	t.Cleanup(func() {
		_ = ln.Close()
		select {
		case c := <-g.accepted:
			_ = c.Close()
		default:
		}
		g.wg.Wait()
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, err := range g.errs {
			t.Errorf("fake gate: %v", err)
		}
	})
	return g
}

func (g *fakeGate) addr() string { return g.ln.Addr().String() }

func (g *fakeGate) acceptLoop() {
	defer g.wg.Done()
	first := true
	for {
		c, err := g.ln.Accept()
		if err != nil {
			return
		}
		if first {
			g.accepted <- c
			first = false
		}
		g.wg.Add(1)
		go g.serve(c)
	}
}

// conn waits for the first connection (it stays available to others).
func (g *fakeGate) conn() net.Conn {
	g.t.Helper()
	select {
	case c := <-g.accepted:
		g.accepted <- c
		return c
	case <-time.After(10 * time.Second):
		g.t.Fatal("fake gate: no connection")
		return nil
	}
}

func (g *fakeGate) fail(err error) {
	g.mu.Lock()
	g.errs = append(g.errs, err)
	g.mu.Unlock()
}

// send writes payload as one frame to the first connection.
func (g *fakeGate) send(c net.Conn, payload []byte) {
	frame, err := netpack.Pack(payload)
	if err != nil {
		g.fail(err)
		return
	}
	g.wmu.Lock()
	defer g.wmu.Unlock()
	_, _ = c.Write(frame)
}

func (g *fakeGate) serve(c net.Conn) {
	defer g.wg.Done()
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		var hdr [2]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		payload := make([]byte, int(hdr[0])<<8|int(hdr[1]))
		if _, err := io.ReadFull(r, payload); err != nil {
			return
		}
		g.mu.Lock()
		g.stream = append(append(g.stream, hdr[:]...), payload...)
		g.frames = append(g.frames, payload)
		g.mu.Unlock()
		if g.cfg.line {
			b, err := r.ReadByte()
			if err != nil {
				return
			}
			g.mu.Lock()
			g.stream = append(g.stream, b)
			g.mu.Unlock()
			if b != '\n' {
				g.fail(errors.New("line framing: frame not followed by a newline"))
				return
			}
		}
		d, err := g.c2s.Dispatch(payload)
		if err != nil {
			continue // a raw frame the test sent on purpose
		}
		g.mu.Lock()
		g.names = append(g.names, d.Name+"/"+itoa(d.Session))
		g.mu.Unlock()
		switch d.Name {
		case "handshake":
			g.reply(c, d, map[string]any{"msg": welcome})
			if g.cfg.heartbeat {
				hb, err := g.push("heartbeat", nil, sproto.Session{}, nil)
				if err != nil {
					g.fail(err)
				}
				g.send(c, hb)
			}
		case "get":
			if !g.cfg.silentGet {
				g.mu.Lock()
				v := g.store[d.Args["what"].(string)]
				g.mu.Unlock()
				g.reply(c, d, map[string]any{"result": v})
			}
		case "set":
			g.mu.Lock()
			g.store[d.Args["what"].(string)] = d.Args["value"].(string)
			g.mu.Unlock()
			if g.cfg.replySet {
				g.reply(c, d, nil)
			}
		case "quit":
			return
		}
	}
}

func (g *fakeGate) reply(c net.Conn, d sproto.Dispatched, args map[string]any) {
	if d.Responder == nil {
		g.fail(errors.New(d.Name + " came without a session"))
		return
	}
	resp, err := d.Responder(args, nil)
	if err != nil {
		g.fail(err)
		return
	}
	g.send(c, resp)
}

// received returns copies of what the gate has read so far.
func (g *fakeGate) received() (stream []byte, frames [][]byte, names []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, f := range g.frames {
		frames = append(frames, bytes.Clone(f))
	}
	return bytes.Clone(g.stream), frames, append([]string(nil), g.names...)
}

func itoa(s sproto.Session) string {
	if !s.Valid {
		return "-"
	}
	return strconv.FormatInt(s.ID, 10)
}
