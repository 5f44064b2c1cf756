package runtime_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/tracer"
)

// waitTimeout bounds every wait for something the node must do; it is
// generous because -race slows everything down. Tests never sleep: they
// wait on channels, the log or the tracer, up to this long.
const waitTimeout = 10 * time.Second

// Compile-time checks that the test services are services.
var (
	_ runtime.Service   = (*recorder)(nil)
	_ runtime.Service   = (*echo)(nil)
	_ runtime.Service   = (*blocker)(nil)
	_ runtime.Service   = (*stall)(nil)
	_ runtime.Service   = (*spinner)(nil)
	_ runtime.Inspector = (*inspected)(nil)
)

// syncBuffer is the node's log. It is safe for the logger and for readers,
// and waitFor blocks until a line shows up instead of polling.
type syncBuffer struct {
	mu      sync.Mutex
	b       []byte
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.b = append(s.b, p...)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.b)
}

// waitFor waits until the log contains sub and returns the whole log.
func (s *syncBuffer) waitFor(t *testing.T, sub string) string {
	t.Helper()
	deadline := time.NewTimer(waitTimeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		text, ch := string(s.b), s.changed
		s.mu.Unlock()
		if strings.Contains(text, sub) {
			return text
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("log never contained %q; log:\n%s", sub, text)
		}
	}
}

// startNode starts a node logging into a buffer and stops it when the test
// ends (after the test's own cleanups, which release held handlers).
func startNode(t *testing.T, opts ...runtime.Option) (*runtime.Node, *syncBuffer) {
	t.Helper()
	log := newSyncBuffer()
	all := append([]runtime.Option{runtime.WithLog(log), runtime.WithThreads(4)}, opts...)
	n := runtime.New(all...)
	startLabeled(t, n)
	t.Cleanup(func() { stopNode(t, n) })
	return n, log
}

// stopNode waits until n is idle, stops it, and waits (bounded) until it has
// stopped. Waiting for idle first means Stop runs on a settled node: a
// runner still on its way to park when Stop collects the spare runners is
// never woken (see the report), and the goroutine it leaks would upset the
// goroutine counts of later tests. (A handler blocked in Block counts as
// idle: stopping it is part of what Stop does.)
func stopNode(t *testing.T, n *runtime.Node) {
	t.Helper()
	waitIdle(t, n)
	go n.Stop()
	select {
	case <-n.Done():
	case <-time.After(waitTimeout):
		t.Errorf("node did not stop within %v", waitTimeout)
	}
}

// launch runs s as a service of the given module and returns its handle.
func launch(t *testing.T, n *runtime.Node, module, args string, s runtime.Service) runtime.Handle {
	t.Helper()
	n.RegisterModule(module, func() runtime.Service { return s })
	h, err := n.Launch(module, args)
	if err != nil {
		t.Fatalf("Launch %s %s: %v", module, args, err)
	}
	return h
}

// waitDone waits until the service behind c is fully released.
func waitDone(t *testing.T, c *runtime.Context) {
	t.Helper()
	select {
	case <-c.Done():
	case <-time.After(waitTimeout):
		t.Fatalf("service %s was not released within %v", c.Handle(), waitTimeout)
	}
}

// recv takes one value from ch or fails the test.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitTimeout):
		t.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}

// received is a message as a service saw it, with where and when.
type received struct {
	runtime.Message
	Dest runtime.Handle
	Now  int64
}

// recorder forwards every message it receives to ch. Tests use its Context
// to send on its behalf, so it is the client of most scenarios, and it
// doubles as a callee that answers only when the test tells it to.
type recorder struct {
	ctx      *runtime.Context
	ch       chan received
	released atomic.Int32
}

func newRecorder() *recorder { return &recorder{ch: make(chan received, 4096)} }

func (r *recorder) Init(c *runtime.Context, args string) error { r.ctx = c; return nil }

func (r *recorder) Dispatch(c *runtime.Context, m *runtime.Message) error {
	cp := *m
	cp.Data = bytes.Clone(m.Data)
	r.ch <- received{Message: cp, Dest: c.Handle(), Now: c.Node().Now()}
	return nil
}

func (r *recorder) Release(c *runtime.Context) { r.released.Add(1) }

func (r *recorder) next(t *testing.T) received {
	t.Helper()
	return recv(t, r.ch, "a message to "+r.ctx.Handle().String())
}

// expect takes the next message and checks its type, session and source.
func (r *recorder) expect(t *testing.T, typ runtime.PType, session int32, source runtime.Handle) received {
	t.Helper()
	m := r.next(t)
	if m.Type != typ || m.Session != session || m.Source != source {
		t.Fatalf("%s got %s session %d from %s (data %q), want %s session %d from %s",
			r.ctx.Handle(), m.Type, m.Session, m.Source, m.Data, typ, session, source)
	}
	return m
}

// echo answers requests with PTYPE_RESPONSE carrying the request body. The
// bodies "fail", "panic", "exit" and "abort" make the handler return an
// error, panic, kill its own service, or abort the node with code 3.
type echo struct {
	released atomic.Int32
}

func (e *echo) Init(c *runtime.Context, args string) error { return nil }

func (e *echo) Dispatch(c *runtime.Context, m *runtime.Message) error {
	if m.Type.IsReply() {
		return nil
	}
	switch string(m.Data) {
	case "fail":
		return errors.New("echo: asked to fail")
	case "panic":
		panic("echo: asked to panic")
	case "exit":
		c.Exit()
		return nil
	case "abort":
		c.Node().Abort(3)
		return nil
	}
	if m.Session > 0 {
		return c.Send(m.Source, runtime.PTypeResponse, m.Session, m.Data)
	}
	return nil
}

func (e *echo) Release(c *runtime.Context) { e.released.Add(1) }

// blockResult is what Block returned in a blocker's handler.
type blockResult struct {
	msg runtime.Message
	err error
}

// blocker answers "ping" at once. Any other request it forwards to target
// with a new session, reports that session on sent, and Blocks for the
// answer, which it reports on results and relays to its caller (a failed
// call is relayed as PTYPE_ERROR, as Lua services do).
type blocker struct {
	target   runtime.Handle
	sent     chan int32
	results  chan blockResult
	released atomic.Int32
	// blockReturned and releasedAfterBlock let a test check that Release
	// came after the blocked handler unwound.
	blockReturned      atomic.Bool
	releasedAfterBlock atomic.Bool
}

func newBlocker(target runtime.Handle) *blocker {
	return &blocker{target: target, sent: make(chan int32, 16), results: make(chan blockResult, 16)}
}

func (b *blocker) Init(c *runtime.Context, args string) error { return nil }

func (b *blocker) Dispatch(c *runtime.Context, m *runtime.Message) error {
	if m.Type.IsReply() {
		return nil
	}
	if string(m.Data) == "ping" {
		return c.Send(m.Source, runtime.PTypeResponse, m.Session, []byte("pong"))
	}
	s := c.NewSession()
	// A failed send is a dead letter: the error reply is already queued
	// for s, so Block still returns.
	_ = c.Send(b.target, runtime.PTypeLua, s, m.Data)
	b.sent <- s
	r, err := c.Block(s)
	r.Data = bytes.Clone(r.Data)
	b.blockReturned.Store(true)
	b.results <- blockResult{r, err}
	if m.Session == 0 {
		return err
	}
	if err != nil || r.Type == runtime.PTypeError {
		_ = c.Send(m.Source, runtime.PTypeError, m.Session, nil)
		return err
	}
	return c.Send(m.Source, runtime.PTypeResponse, m.Session, r.Data)
}

func (b *blocker) Release(c *runtime.Context) {
	b.released.Add(1)
	b.releasedAfterBlock.Store(b.blockReturned.Load())
}

// stall holds its worker on its first message until hold is closed, so a
// test can queue messages behind it. Later messages go to out, if set.
type stall struct {
	ctx        *runtime.Context
	entered    chan struct{}
	hold       chan struct{}
	release    func()
	out        chan received
	dispatched atomic.Int32
	released   atomic.Int32
}

// newStall returns a stall whose hold is released by the test's cleanup at
// the latest, so a failing test never leaves a worker stuck.
func newStall(t *testing.T) *stall {
	s := &stall{entered: make(chan struct{}, 1), hold: make(chan struct{})}
	s.release = sync.OnceFunc(func() { close(s.hold) })
	t.Cleanup(s.release)
	return s
}

func (s *stall) Init(c *runtime.Context, args string) error { s.ctx = c; return nil }

func (s *stall) Dispatch(c *runtime.Context, m *runtime.Message) error {
	if s.dispatched.Add(1) == 1 {
		s.entered <- struct{}{}
		<-s.hold
		return nil
	}
	if s.out != nil {
		s.out <- received{Message: *m, Dest: c.Handle(), Now: c.Node().Now()}
	}
	return nil
}

func (s *stall) Release(c *runtime.Context) { s.released.Add(1) }

// spinner burns its worker on every message until stop is closed: an
// "endless loop" for the monitor to find.
type spinner struct {
	entered chan struct{}
	stop    chan struct{}
}

func (s *spinner) Init(c *runtime.Context, args string) error { return nil }

func (s *spinner) Dispatch(c *runtime.Context, m *runtime.Message) error {
	s.entered <- struct{}{}
	for {
		select {
		case <-s.stop:
			return nil
		default:
		}
		for i := 0; i < 1000; i++ { // spin, but let the scheduler in now and then
			_ = i
		}
	}
}

func (s *spinner) Release(c *runtime.Context) {}

// inspected adds its own figures to snapshots.
type inspected struct{ echo }

func (i *inspected) Inspect() runtime.ServiceStats {
	return runtime.ServiceStats{MemKB: 12.5, Tasks: 2}
}

// traceReader pulls events from a tracer and waits for the ones a test needs.
type traceReader struct {
	tr  *tracer.Tracer
	cur tracer.Cursor
	evs []tracer.Event
}

// until reads events until cond holds on everything read so far.
func (r *traceReader) until(t *testing.T, what string, cond func([]tracer.Event) bool) []tracer.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	for {
		var dropped uint64
		r.evs, r.cur, dropped = r.tr.Since(r.cur, r.evs)
		if dropped > 0 {
			t.Fatalf("tracer dropped %d events", dropped)
		}
		if cond(r.evs) {
			return r.evs
		}
		if err := r.tr.Wait(ctx, r.cur); err != nil {
			t.Fatalf("waiting for %s: %v; events so far:\n%s", what, err, dumpEvents(r.evs))
		}
	}
}

// eventsTo returns the events dispatched to dst with the given type and
// session, in order.
func eventsTo(evs []tracer.Event, dst runtime.Handle, typ runtime.PType, session int32) []tracer.Event {
	var out []tracer.Event
	for _, e := range evs {
		if e.Dest == uint32(dst) && e.Type == uint8(typ) && e.Session == session {
			out = append(out, e)
		}
	}
	return out
}

func hasEventTo(dst runtime.Handle, typ runtime.PType, session int32) func([]tracer.Event) bool {
	return func(evs []tracer.Event) bool { return len(eventsTo(evs, dst, typ, session)) > 0 }
}

func dumpEvents(evs []tracer.Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "%s -> %s %s session %d size %d %s\n", runtime.Handle(e.Source), runtime.Handle(e.Dest),
			tracer.TypeName(e.Type), e.Session, e.Size, e.Outcome)
	}
	return b.String()
}
