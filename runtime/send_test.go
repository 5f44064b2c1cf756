package runtime_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/tracer"
)

// Messages from one source arrive in the order they were sent, with their
// fields intact, even while other sources send concurrently.
func TestSendKeepsOrderPerSource(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	dst := newRecorder()
	dh := launch(t, n, "recorder", "", dst)
	const senders, each = 4, 300
	var srcs []*recorder
	for range senders {
		r := newRecorder()
		launch(t, n, "recorder", "", r)
		srcs = append(srcs, r)
	}
	var wg sync.WaitGroup
	for _, s := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := s.ctx.Send(dh, runtime.PTypeLua, int32(i), []byte(strconv.Itoa(i))); err != nil {
					t.Errorf("send %d: %v", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	next := map[runtime.Handle]int{}
	for range senders * each {
		m := dst.next(t)
		want := next[m.Source]
		if m.Type != runtime.PTypeLua || m.Session != int32(want) || string(m.Data) != strconv.Itoa(want) || m.Dest != dh {
			t.Fatalf("from %s got %s session %d data %q, want lua session %d data %q",
				m.Source, m.Type, m.Session, m.Data, want, strconv.Itoa(want))
		}
		next[m.Source] = want + 1
	}
	for _, s := range srcs {
		if next[s.ctx.Handle()] != each {
			t.Errorf("%s delivered %d messages, want %d", s.ctx.Handle(), next[s.ctx.Handle()], each)
		}
	}
}

func TestNewSessionStartsAtOne(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	r := newRecorder()
	launch(t, n, "recorder", "", r)
	for want := int32(1); want <= 3; want++ {
		if s := r.ctx.NewSession(); s != want {
			t.Fatalf("NewSession = %d, want %d", s, want)
		}
	}
}

// A request to an address nobody holds is answered with PTYPE_ERROR for
// the same session, logged and traced as a dead letter.
func TestRequestToUnknownHandleIsAnsweredWithError(t *testing.T) {
	t.Parallel()
	tr := tracer.New(tracer.WithEnabled(true))
	n, log := startNode(t, runtime.WithTracer(tr))
	reader := &traceReader{tr: tr}
	r := newRecorder()
	rh := launch(t, n, "recorder", "", r)
	unknown := runtime.Handle(0x0100abcd)

	err := r.ctx.Send(unknown, runtime.PTypeLua, 7, []byte("hi"))
	if !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("Send to an unknown handle: err = %v, want ErrUnknownAddress", err)
	}
	m := r.expect(t, runtime.PTypeError, 7, unknown)
	if len(m.Data) != 0 {
		t.Errorf("error reply carries data %q", m.Data)
	}

	log.waitFor(t, fmt.Sprintf("Drop message from %s to %s (type=lua)(session=7)(size=2): unknown address", rh, unknown))

	evs := reader.until(t, "the dead letter", func(evs []tracer.Event) bool {
		for _, e := range evs {
			if e.Outcome == tracer.Dead {
				return true
			}
		}
		return false
	})
	var dead []tracer.Event
	for _, e := range evs {
		if e.Outcome == tracer.Dead {
			dead = append(dead, e)
		}
	}
	if len(dead) != 1 {
		t.Fatalf("%d dead-letter events, want 1:\n%s", len(dead), dumpEvents(evs))
	}
	e := dead[0]
	if e.Type != tracer.TypeLua || e.Session != 7 || e.Source != uint32(rh) || e.Dest != uint32(unknown) || e.Size != 2 || e.Node != 1 {
		t.Errorf("dead-letter event = %+v", e)
	}
}

// A plain send (session 0) to an unknown address is dropped without an
// answer; a marker sent afterwards is the next thing the sender sees.
func TestSendToUnknownHandleIsNotAnswered(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	r := newRecorder()
	rh := launch(t, n, "recorder", "", r)
	unknown := runtime.Handle(0x0100abcd)
	if err := r.ctx.Send(unknown, runtime.PTypeLua, 0, []byte("x")); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("err = %v, want ErrUnknownAddress", err)
	}
	// A request from outside the node (source 0) has nobody to answer.
	if err := n.Send(0, unknown, runtime.PTypeLua, 5, nil); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("err = %v, want ErrUnknownAddress", err)
	}
	if err := n.Send(0, rh, runtime.PTypeText, 0, []byte("marker")); err != nil {
		t.Fatal(err)
	}
	m := r.next(t)
	if m.Type != runtime.PTypeText || string(m.Data) != "marker" {
		t.Fatalf("first message after the dead letters is %s session %d from %s, want the marker", m.Type, m.Session, m.Source)
	}
	log.waitFor(t, fmt.Sprintf("Drop message from %s to %s (type=lua)(session=0)(size=1): unknown address", rh, unknown))
}

// A handle of another harbor that does not exist locally has no route.
func TestSendToForeignHarborIsDeadLetter(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	r := newRecorder()
	rh := launch(t, n, "recorder", "", r)
	foreign := runtime.Handle(0x02fffff0)
	if err := r.ctx.Send(foreign, runtime.PTypeLua, 3, nil); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("err = %v, want ErrUnknownAddress", err)
	}
	r.expect(t, runtime.PTypeError, 3, foreign)
	log.waitFor(t, fmt.Sprintf("Drop message from %s to %s (type=lua)(session=3)(size=0): no route to harbor", rh, foreign))
}

// A handler that panics does not take the node down: the caller gets
// PTYPE_ERROR, the panic is logged, and the service keeps serving.
func TestPanicBecomesErrorReply(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	r := newRecorder()
	launch(t, n, "recorder", "", r)
	eh := launch(t, n, "echo", "", &echo{})
	if err := r.ctx.Send(eh, runtime.PTypeLua, 1, []byte("panic")); err != nil {
		t.Fatal(err)
	}
	r.expect(t, runtime.PTypeError, 1, eh)
	log.waitFor(t, "echo: asked to panic")
	if err := r.ctx.Send(eh, runtime.PTypeLua, 2, []byte("still there")); err != nil {
		t.Fatal(err)
	}
	if m := r.expect(t, runtime.PTypeResponse, 2, eh); string(m.Data) != "still there" {
		t.Fatalf("reply data %q", m.Data)
	}
}

// A busy service gets at most one batch before another service with work
// runs: with one worker, a message queued behind 300 others for a different
// service is served after at most 64 of them.
func TestBusyServiceIsFair(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t, runtime.WithThreads(1))
	order := make(chan received, 1024)
	busy, other := newRecorder(), newRecorder()
	busy.ch, other.ch = order, order
	bh := launch(t, n, "recorder", "", busy)
	oh := launch(t, n, "recorder", "", other)
	s := newStall(t)
	sh := launch(t, n, "stall", "", s)

	// Occupy the only worker so everything below queues up.
	if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, s.entered, "the stall to hold the worker")
	const flood = 300
	for i := range flood {
		if err := n.Send(0, bh, runtime.PTypeLua, int32(i), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := n.Send(0, oh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	s.release()

	pos := -1
	for i := range flood + 1 {
		m := recv(t, order, "flood and marker")
		if m.Dest == oh {
			pos = i
		}
	}
	if pos < 1 || pos > 64 {
		t.Fatalf("the other service ran after %d messages of the busy one, want 1..64 (one batch)", pos)
	}
}

// A mailbox that crosses 1024 queued messages logs skynet's overload
// warning with the queue length.
func TestOverloadIsLogged(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	s := newStall(t)
	sh := launch(t, n, "stall", "", s)
	if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, s.entered, "the stall to hold its worker")
	for range 1100 {
		if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	if st := s.ctx.Stats(); st.MQLen != 1100 {
		t.Fatalf("MQLen = %d, want 1100", st.MQLen)
	}
	s.release()
	text := log.waitFor(t, fmt.Sprintf("[%s] May overload, message queue length = 1100", sh))
	if c := strings.Count(text, "May overload"); c != 1 {
		t.Fatalf("%d overload warnings for one burst, want 1:\n%s", c, text)
	}
}
