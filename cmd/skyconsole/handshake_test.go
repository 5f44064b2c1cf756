package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/console/client"
	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
	"github.com/skyconsole/skyconsole/runtime/netpack"
	"github.com/skyconsole/skyconsole/runtime/sproto"
	"github.com/skyconsole/skyconsole/tracer"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startExample boots scripts/examples/config on free ports.
func startExample(t *testing.T, tr *tracer.Tracer, extra ...string) (*boot.Node, *lockedBuffer, string) {
	t.Helper()
	path, _ := filepath.Abs("../../scripts/examples/config")
	loaded, err := config.Load(path, os.LookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for _, k := range loaded.Keys() {
		values[k], _ = loaded.Get(k)
	}
	gatePort := freePort(t)
	values["gate_port"] = strconv.Itoa(gatePort)
	values["debug_port"] = strconv.Itoa(freePort(t))
	for i := 0; i+1 < len(extra); i += 2 {
		values[extra[i]] = extra[i+1]
	}
	log := &lockedBuffer{}
	n, err := boot.Start(config.FromValues(loaded.Dir(), values), boot.Options{Log: log, Stdout: log, Tracer: tr, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(log.String(), "Watchdog listen on") {
		if time.Now().After(deadline) {
			t.Fatalf("example did not start; log:\n%s", log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	return n, log, "127.0.0.1:" + strconv.Itoa(gatePort)
}

// exampleClient speaks the example protocol over one TCP connection.
type exampleClient struct {
	conn    net.Conn
	host    *sproto.Host
	request sproto.RequestEncoder
	session int64
}

func dialExample(t *testing.T, addr string) *exampleClient {
	t.Helper()
	c2s, err := sproto.Parse(client.ExampleC2S)
	if err != nil {
		t.Fatal(err)
	}
	s2c, err := sproto.Parse(client.ExampleS2C)
	if err != nil {
		t.Fatal(err)
	}
	host, err := sproto.NewHost(s2c, "package")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return &exampleClient{conn: conn, host: host, request: host.Attach(c2s)}
}

func (c *exampleClient) send(t *testing.T, name string, args map[string]any) int64 {
	t.Helper()
	c.session++
	pkt, err := c.request(name, args, sproto.WithSession(c.session), nil)
	if err != nil {
		t.Fatal(err)
	}
	frame, err := netpack.Pack(pkt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.conn.Write(frame); err != nil {
		t.Fatal(err)
	}
	return c.session
}

// response reads frames until the response to session arrives; pushes
// (heartbeats) are returned too.
func (c *exampleClient) response(t *testing.T, session int64) (map[string]any, []string) {
	t.Helper()
	var pushes []string
	_ = c.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		var hdr [2]byte
		if _, err := io.ReadFull(c.conn, hdr[:]); err != nil {
			t.Fatalf("read frame header: %v", err)
		}
		body := make([]byte, binary.BigEndian.Uint16(hdr[:]))
		if _, err := io.ReadFull(c.conn, body); err != nil {
			t.Fatalf("read frame: %v", err)
		}
		d, err := c.host.Dispatch(body)
		if err != nil {
			t.Fatalf("dispatch %x: %v", body, err)
		}
		if d.Kind == sproto.Request {
			pushes = append(pushes, d.Name)
			continue
		}
		if d.Session.ID == session {
			return d.Args, pushes
		}
	}
}

// step is one dispatch as the reference table describes it.
type step struct {
	dst, typ string
	session  string // a number, "fd" (the client's socket id) or "*"
	src      string
	sock     string
}

func (s step) String() string {
	return fmt.Sprintf("%s <- %s %s session=%s %s", s.dst, s.src, s.typ, s.session, s.sock)
}

// The 20 steps of skynet-baseline.md section a (client 1).
var referenceHandshake = []step{
	{"gate", "socket", "0", "", "accept"},
	{"watchdog", "lua", "0", "gate", ""},
	{".launcher", "lua", "4", "watchdog", ""},
	{"agent", "response", "1", "", ""},
	{".launcher", "lua", "0", "agent", ""},
	{"watchdog", "response", "4", ".launcher", ""},
	{"agent", "lua", "5", "watchdog", ""},
	{"gate", "trace", "0", "agent", ""},
	{"gate", "lua", "2", "agent", ""},
	{"agent", "response", "2", "gate", ""},
	{"watchdog", "response", "5", "agent", ""},
	{"gate", "socket", "0", "", "connect"},
	{"gate", "socket", "0", "", "data"},
	{"agent", "client", "fd", "gate", ""},
	{"gate", "socket", "0", "", "close"},
	{"watchdog", "lua", "0", "gate", ""},
	{"gate", "lua", "6", "watchdog", ""},
	{"watchdog", "response", "6", "gate", ""},
	{"agent", "lua", "0", "watchdog", ""},
	{".launcher", "lua", "0", "agent", ""},
}

// TestHandshakeTraceMatchesSkynet connects one client to the example
// pipeline, sends a handshake, reads the answer and disconnects, then
// compares the trace with the sequence measured on real skynet. Services
// run in parallel, so the comparison is per destination service (each
// actor's own order must match) plus exactly the same set of steps.
func TestHandshakeTraceMatchesSkynet(t *testing.T) {
	tr := tracer.New(tracer.WithEnabled(true), tracer.WithRingSize(1<<14))
	n, log, addr := startExample(t, tr)
	cursor := tr.Latest()
	c := dialExample(t, addr)
	session := c.send(t, "handshake", nil)
	args, _ := c.response(t, session)
	if msg, _ := args["msg"].(string); !strings.HasPrefix(msg, "Welcome to skynet") {
		t.Fatalf("handshake answer %v", args)
	}
	c.conn.Close()

	// wait for the agent's REMOVE to reach the launcher (step 20)
	var events []tracer.Event
	deadline := time.Now().Add(20 * time.Second)
	done := false
	for !done {
		var batch []tracer.Event
		batch, cursor, _ = tr.Since(cursor, nil)
		events = append(events, batch...)
		for _, e := range batch {
			if n.Name(e.Dest) == ".launcher" && n.Name(e.Source) == "agent" && e.Session == 0 && e.Type == tracer.TypeLua && e.Size > 12 {
				done = true
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("agent never reported REMOVE; log:\n%s", log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// settle: pick up anything dispatched in the same instant
	time.Sleep(50 * time.Millisecond)
	rest, _, _ := tr.Since(cursor, nil)
	events = append(events, rest...)

	// The listener's own "start" acknowledgement can land after the
	// example logged that it listens; it belongs to start-up, not to the
	// client, so drop socket events of the listener other than accept.
	listener := int32(-1)
	for _, e := range events {
		if e.Type == tracer.TypeSocket && e.Sock == tracer.SockAccept && n.Name(e.Dest) == "gate" {
			listener = e.Fd // an accept's fd is the listening socket
			break
		}
	}
	var got []step
	for _, e := range events {
		dst, src := n.Name(e.Dest), n.Name(e.Source)
		if dst == "logger" || (e.Type == tracer.TypeText && e.Source == e.Dest) {
			continue // log lines and the launch message skynet handles in C
		}
		if src == "bootstrap" || src == "main" || dst == "bootstrap" || dst == "main" {
			continue // start-up finishing (their REMOVE may land late), not the client's flow
		}
		if e.Type == tracer.TypeSocket && e.Fd == listener && e.Sock != tracer.SockAccept {
			continue
		}
		s := step{dst: dst, typ: tracer.TypeName(e.Type), session: strconv.Itoa(int(e.Session)), src: src}
		if e.Type == tracer.TypeSocket {
			s.sock = e.Sock.String()
		}
		if e.Type == tracer.TypeClient {
			s.session = "fd"
		}
		got = append(got, s)
	}
	want := referenceHandshake
	byDst := func(steps []step) map[string][]string {
		m := map[string][]string{}
		for _, s := range steps {
			m[s.dst] = append(m[s.dst], s.String())
		}
		return m
	}
	gotBy, wantBy := byDst(got), byDst(want)
	for dst, w := range wantBy {
		g := gotBy[dst]
		if strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s received, in order:\n  %s\nskynet's reference:\n  %s", dst, strings.Join(g, "\n  "), strings.Join(w, "\n  "))
		}
	}
	for dst := range gotBy {
		if _, ok := wantBy[dst]; !ok && dst != "simpledb" {
			t.Errorf("unexpected messages to %s: %v", dst, gotBy[dst])
		}
	}
	if t.Failed() {
		t.Logf("full trace:\n%s", log.String())
	}
}
