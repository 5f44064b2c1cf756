package runtime_test

import (
	"errors"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/tracer"
)

// A handler that calls another service and Blocks gets the reply, and while
// it waits the same service keeps handling other messages: a second request
// is answered before the first one's callee has even replied.
func TestBlockGetsReplyWhileServiceKeepsServing(t *testing.T) {
	t.Parallel()
	tr := tracer.New(tracer.WithEnabled(true))
	n, _ := startNode(t, runtime.WithTracer(tr), runtime.WithThreads(2))
	reader := &traceReader{tr: tr}
	client, callee := newRecorder(), newRecorder()
	ch := launch(t, n, "recorder", "client", client)
	gh := launch(t, n, "recorder", "callee", callee)
	b := newBlocker(gh)
	bh := launch(t, n, "blocker", "", b)

	if err := client.ctx.Send(bh, runtime.PTypeLua, 1, []byte("work")); err != nil {
		t.Fatal(err)
	}
	s := recv(t, b.sent, "the blocker's outgoing call")
	req := callee.expect(t, runtime.PTypeLua, s, bh)
	if string(req.Data) != "work" {
		t.Fatalf("callee got %q", req.Data)
	}

	// The first handler is waiting for the callee; the service still answers.
	if err := client.ctx.Send(bh, runtime.PTypeLua, 2, []byte("ping")); err != nil {
		t.Fatal(err)
	}
	if m := client.expect(t, runtime.PTypeResponse, 2, bh); string(m.Data) != "pong" {
		t.Fatalf("ping answered %q", m.Data)
	}

	if err := callee.ctx.Send(bh, runtime.PTypeResponse, s, []byte("result")); err != nil {
		t.Fatal(err)
	}
	res := recv(t, b.results, "Block to return")
	if res.err != nil || res.msg.Type != runtime.PTypeResponse || res.msg.Session != s ||
		res.msg.Source != gh || string(res.msg.Data) != "result" {
		t.Fatalf("Block returned %+v, %v", res.msg, res.err)
	}
	if m := client.expect(t, runtime.PTypeResponse, 1, bh); string(m.Data) != "result" {
		t.Fatalf("relayed reply %q", m.Data)
	}

	// Each dispatch is traced once, including the one that blocked and the
	// reply that resumed it.
	type want struct {
		what    string
		dst     runtime.Handle
		typ     runtime.PType
		session int32
		src     runtime.Handle
		size    int32
	}
	wants := []want{
		{"the blocking request", bh, runtime.PTypeLua, 1, ch, 4},
		{"the request made while blocked", bh, runtime.PTypeLua, 2, ch, 4},
		{"the call to the callee", gh, runtime.PTypeLua, s, bh, 4},
		{"the reply that resumes the handler", bh, runtime.PTypeResponse, s, gh, 6},
		{"the relayed reply", ch, runtime.PTypeResponse, 1, bh, 6},
	}
	evs := reader.until(t, "every dispatch of the exchange", func(evs []tracer.Event) bool {
		for _, w := range wants {
			if len(eventsTo(evs, w.dst, w.typ, w.session)) == 0 {
				return false
			}
		}
		return true
	})
	for _, w := range wants {
		got := eventsTo(evs, w.dst, w.typ, w.session)
		if len(got) != 1 {
			t.Errorf("%s: %d events, want 1\n%s", w.what, len(got), dumpEvents(evs))
			continue
		}
		e := got[0]
		if e.Source != uint32(w.src) || e.Size != w.size || e.Outcome != tracer.OK {
			t.Errorf("%s: event %+v", w.what, e)
		}
	}
}

// A call to a service that does not exist is still answered: Block returns
// the PTYPE_ERROR dead-letter reply instead of hanging.
func TestBlockOnCallToUnknownServiceReturnsError(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	missing := runtime.Handle(0x0100beef)
	b := newBlocker(missing)
	bh := launch(t, n, "blocker", "", b)
	if err := client.ctx.Send(bh, runtime.PTypeLua, 9, []byte("work")); err != nil {
		t.Fatal(err)
	}
	s := recv(t, b.sent, "the blocker's call")
	res := recv(t, b.results, "Block to return")
	if res.err != nil || res.msg.Type != runtime.PTypeError || res.msg.Session != s || res.msg.Source != missing {
		t.Fatalf("Block returned %+v, %v; want PTYPE_ERROR session %d from %s", res.msg, res.err, s, missing)
	}
	client.expect(t, runtime.PTypeError, 9, bh)
}

// Block outside the running handler is refused rather than corrupting the
// scheduler.
func TestBlockOutsideHandlerFails(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	r := newRecorder()
	launch(t, n, "recorder", "", r)
	_, err := r.ctx.Block(1)
	if !errors.Is(err, runtime.ErrNotRunning) {
		t.Fatalf("Block from the test goroutine: err = %v, want ErrNotRunning", err)
	}
}

// Many concurrent blocking calls through one service all complete: the
// baton hand-off never loses a worker or a reply.
func TestManyConcurrentBlockingCalls(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t, runtime.WithThreads(2))
	eh := launch(t, n, "echo", "", &echo{})
	b := newBlocker(eh)
	b.sent = make(chan int32, 1000)
	b.results = make(chan blockResult, 1000)
	bh := launch(t, n, "blocker", "", b)
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	const calls = 500
	for i := 1; i <= calls; i++ {
		if err := client.ctx.Send(bh, runtime.PTypeLua, int32(i), []byte{byte(i), byte(i >> 8)}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int32]bool{}
	for range calls {
		m := client.next(t)
		if m.Type != runtime.PTypeResponse || m.Source != bh {
			t.Fatalf("got %s from %s", m.Type, m.Source)
		}
		if want := []byte{byte(m.Session), byte(m.Session >> 8)}; string(m.Data) != string(want) || seen[m.Session] {
			t.Fatalf("reply for session %d carries %v (seen before: %v)", m.Session, m.Data, seen[m.Session])
		}
		seen[m.Session] = true
	}
}
