package socket_test

import (
	"context"
	"fmt"
	"io"
	"net"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// waitFor bounds every wait on behaviour in these tests.
const waitFor = 5 * time.Second

// event is a recorded message, with the socket header decoded.
type event struct {
	Type    runtime.PType
	Source  runtime.Handle
	Sub     uint8
	ID      int
	UD      int
	Payload string
}

var subNames = map[uint8]string{
	runtime.SockData: "DATA", runtime.SockConnect: "CONNECT", runtime.SockClose: "CLOSE",
	runtime.SockAccept: "ACCEPT", runtime.SockError: "ERROR", runtime.SockUDP: "UDP",
	runtime.SockWarning: "WARNING",
}

func (e event) String() string {
	if e.Type != runtime.PTypeSocket {
		return fmt.Sprintf("%s %q", e.Type, e.Payload)
	}
	p := e.Payload
	if len(p) > 40 {
		p = p[:40] + "..."
	}
	return fmt.Sprintf("%s id=%d ud=%d %q", subNames[e.Sub], e.ID, e.UD, p)
}

// rec is a service that records every message it receives.
type rec struct {
	h       runtime.Handle
	ch      chan event
	pending []event // received but not yet matched
}

var _ runtime.Service = (*rec)(nil)

func (r *rec) Init(c *runtime.Context, args string) error { return nil }
func (r *rec) Release(c *runtime.Context)                 {}

func (r *rec) Dispatch(c *runtime.Context, m *runtime.Message) error {
	ev := event{Type: m.Type, Source: m.Source, Payload: string(m.Data)}
	if m.Type == runtime.PTypeSocket {
		sub, id, ud, ok := runtime.SocketHeader(m.Data)
		if !ok {
			return fmt.Errorf("short socket message %x", m.Data)
		}
		ev.Sub, ev.ID, ev.UD, ev.Payload = sub, int(id), int(ud), string(m.Data[runtime.SocketHeaderSize:])
	}
	r.ch <- ev
	return nil
}

// next returns the first event (oldest first) that match accepts, waiting
// for it; events it passes over stay for later calls.
func (r *rec) next(t testing.TB, what string, match func(event) bool) event {
	t.Helper()
	for i, ev := range r.pending {
		if match(ev) {
			r.pending = append(r.pending[:i], r.pending[i+1:]...)
			return ev
		}
	}
	timeout := time.NewTimer(waitFor)
	defer timeout.Stop()
	for {
		select {
		case ev := <-r.ch:
			if match(ev) {
				return ev
			}
			r.pending = append(r.pending, ev)
		case <-timeout.C:
			t.Fatalf("timed out waiting for %s; unmatched: %v", what, r.pending)
		}
	}
}

// expect waits for the next event of socket id with subtype sub.
func (r *rec) expect(t testing.TB, sub uint8, id int) event {
	t.Helper()
	return r.next(t, fmt.Sprintf("%s on %d", subNames[sub], id), func(e event) bool {
		return e.Type == runtime.PTypeSocket && e.Sub == sub && e.ID == id
	})
}

// first waits for the next event of socket id, whatever its subtype.
func (r *rec) first(t testing.TB, id int) event {
	t.Helper()
	return r.next(t, fmt.Sprintf("any event on %d", id), func(e event) bool {
		return e.Type == runtime.PTypeSocket && e.ID == id
	})
}

// data collects DATA events of id until want bytes arrived.
func (r *rec) data(t testing.TB, id, want int) string {
	t.Helper()
	var b strings.Builder
	for b.Len() < want {
		ev := r.expect(t, runtime.SockData, id)
		if ev.UD != len(ev.Payload) {
			t.Fatalf("DATA ud %d for %d payload bytes", ev.UD, len(ev.Payload))
		}
		b.WriteString(ev.Payload)
	}
	return b.String()
}

// barrier sends a marker through the node and waits for it: every event
// sent to r before the call is then in pending.
func (r *rec) barrier(t testing.TB, node *runtime.Node) {
	t.Helper()
	mark := "barrier-" + strconv.Itoa(len(r.pending))
	if err := node.Send(0, r.h, runtime.PTypeText, 0, []byte(mark)); err != nil {
		t.Fatal(err)
	}
	r.next(t, mark, func(e event) bool { return e.Type == runtime.PTypeText && e.Payload == mark })
}

// none fails if an event of id is pending.
func (r *rec) none(t testing.TB, id int) {
	t.Helper()
	for _, ev := range r.pending {
		if ev.Type == runtime.PTypeSocket && ev.ID == id {
			t.Fatalf("unexpected %v", ev)
		}
	}
}

// env is a node, a socket server and a recorder on one transport.
type env struct {
	t      testing.TB
	node   *runtime.Node
	srv    *socket.Server
	tr     socket.Transport
	any    string // address to listen on with a free port
	r      *rec
	spawns int
}

type transportCase struct {
	name string
	make func() (socket.Transport, string)
}

var transports = []transportCase{
	{"tcp", func() (socket.Transport, string) { return socket.TCP{}, "127.0.0.1:0" }},
	{"mem", func() (socket.Transport, string) { return socket.NewMemTransport(), "mem:0" }},
}

// eachTransport runs f on real TCP and on the in-memory transport.
func eachTransport(t *testing.T, f func(t *testing.T, e *env), opts ...socket.Option) {
	for _, tc := range transports {
		t.Run(tc.name, func(t *testing.T) {
			tr, addr := tc.make()
			f(t, newEnv(t, tr, addr, opts...))
		})
	}
}

func newEnv(t testing.TB, tr socket.Transport, addr string, opts ...socket.Option) *env {
	node := runtime.New(runtime.WithThreads(2), runtime.WithLog(io.Discard))
	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	srv := socket.New(node, append([]socket.Option{socket.WithTransport(tr)}, opts...)...)
	e := &env{t: t, node: node, srv: srv, tr: tr, any: addr}
	t.Cleanup(func() {
		srv.Stop()
		node.Stop()
	})
	e.r = e.spawn()
	return e
}

// spawn launches another recorder.
func (e *env) spawn() *rec {
	r := &rec{ch: make(chan event, 1<<16)}
	name := "rec" + strconv.Itoa(e.spawns)
	e.spawns++
	e.node.RegisterModule(name, func() runtime.Service { return r })
	h, err := e.node.Launch(name, "")
	if err != nil {
		e.t.Fatal(err)
	}
	r.h = h
	return r
}

// listen opens and starts a listener owned by the recorder and returns its
// id and address.
func (e *env) listen() (int, string) {
	e.t.Helper()
	id, err := e.srv.Listen(e.r.h, e.any, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	ev := e.r.expect(e.t, runtime.SockConnect, id)
	if ev.UD == 0 {
		e.t.Fatalf("listen CONNECT without a port: %v", ev)
	}
	if err := e.srv.Start(e.r.h, id); err != nil {
		e.t.Fatal(err)
	}
	if ev := e.r.expect(e.t, runtime.SockConnect, id); ev.Payload != "start" {
		e.t.Fatalf("listener start: %v", ev)
	}
	return id, net.JoinHostPort(ev.Payload, strconv.Itoa(ev.UD))
}

// dial opens a plain client connection through the transport.
func (e *env) dial(addr string) net.Conn {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	c, err := e.tr.Dial(ctx, addr)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	return c
}

// accept dials the listener and returns the client and the accepted id
// (not started).
func (e *env) accept(lid int, addr string) (net.Conn, int) {
	e.t.Helper()
	c := e.dial(addr)
	ev := e.r.expect(e.t, runtime.SockAccept, lid)
	if ev.Payload != c.LocalAddr().String() {
		e.t.Fatalf("ACCEPT peer %q, client is %q", ev.Payload, c.LocalAddr())
	}
	return c, ev.UD
}

// open accepts a connection and starts it.
func (e *env) open(lid int, addr string) (net.Conn, int) {
	e.t.Helper()
	c, id := e.accept(lid, addr)
	if err := e.srv.Start(e.r.h, id); err != nil {
		e.t.Fatal(err)
	}
	if ev := e.r.first(e.t, id); ev.Sub != runtime.SockConnect || ev.Payload != "start" {
		e.t.Fatalf("first event after Start: %v", ev)
	}
	return c, id
}

// readN reads exactly n bytes from c within the bounded wait.
func readN(t testing.TB, c net.Conn, n int) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(waitFor))
	buf := make([]byte, n)
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatalf("read %d bytes: %v", n, err)
	}
	return string(buf)
}

// readEOF reads c to its end and returns what came before EOF.
func readEOF(t testing.TB, c net.Conn) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(waitFor))
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("read to EOF: %v", err)
	}
	return string(b)
}

func stat(srv *socket.Server, id int) (socket.Stat, bool) {
	for _, s := range srv.Info() {
		if s.ID == id {
			return s, true
		}
	}
	return socket.Stat{}, false
}

// settleGoroutines waits, bounded, until at most want goroutines run. The
// count has no event to wait on, so it is polled.
func settleGoroutines(t testing.TB, want int) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for goruntime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := goruntime.Stack(buf, true)
			t.Fatalf("%d goroutines, want <= %d:\n%s", goruntime.NumGoroutine(), want, buf[:n])
		}
		<-tick.C
	}
}
