package runtime_test

import (
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/tracer"
)

// With tracing on, every dispatch is one event with the message's type,
// session, source, destination and size; a handler that returns an error
// or panics is recorded with outcome error.
func TestTraceRecordsEachDispatch(t *testing.T) {
	t.Parallel()
	tr := tracer.New(tracer.WithEnabled(true))
	n, _ := startNode(t, runtime.WithTracer(tr), runtime.WithHarbor(3))
	reader := &traceReader{tr: tr}
	client := newRecorder()
	ch := launch(t, n, "recorder", "", client)
	eh := launch(t, n, "echo", "", &echo{})

	if err := client.ctx.Send(eh, runtime.PTypeLua, 21, []byte("hello")); err != nil {
		t.Fatal(err)
	}
	client.expect(t, runtime.PTypeResponse, 21, eh)
	if err := client.ctx.Send(eh, runtime.PTypeLua, 22, []byte("fail")); err != nil {
		t.Fatal(err)
	}
	if err := client.ctx.Send(eh, runtime.PTypeLua, 23, []byte("panic")); err != nil {
		t.Fatal(err)
	}
	client.expect(t, runtime.PTypeError, 23, eh)
	// A last request to the echo: once it is traced, so is everything the
	// echo handled before it.
	if err := client.ctx.Send(eh, runtime.PTypeLua, 24, []byte("end")); err != nil {
		t.Fatal(err)
	}
	client.expect(t, runtime.PTypeResponse, 24, eh)

	evs := reader.until(t, "the echo's last dispatch and the replies", func(evs []tracer.Event) bool {
		return hasEventTo(eh, runtime.PTypeLua, 24)(evs) &&
			hasEventTo(ch, runtime.PTypeResponse, 24)(evs) &&
			hasEventTo(ch, runtime.PTypeError, 23)(evs)
	})
	for _, w := range []struct {
		dst     runtime.Handle
		typ     runtime.PType
		session int32
		src     runtime.Handle
		size    int32
		outcome tracer.Outcome
	}{
		{eh, runtime.PTypeLua, 21, ch, 5, tracer.OK},
		{ch, runtime.PTypeResponse, 21, eh, 5, tracer.OK},
		{eh, runtime.PTypeLua, 22, ch, 4, tracer.Error},
		{eh, runtime.PTypeLua, 23, ch, 5, tracer.Error},
		{ch, runtime.PTypeError, 23, eh, 0, tracer.OK},
		{eh, runtime.PTypeLua, 24, ch, 3, tracer.OK},
	} {
		got := eventsTo(evs, w.dst, w.typ, w.session)
		if len(got) != 1 {
			t.Errorf("%s session %d to %s: %d events, want 1\n%s", w.typ, w.session, w.dst, len(got), dumpEvents(evs))
			continue
		}
		e := got[0]
		if e.Source != uint32(w.src) || e.Size != w.size || e.Outcome != w.outcome || e.Node != 3 {
			t.Errorf("%s session %d to %s: event %+v, want source %s size %d outcome %s node 3",
				w.typ, w.session, w.dst, e, w.src, w.size, w.outcome)
		}
		if e.Wall == 0 || e.DurNs < 0 || e.PayloadLen != 0 {
			t.Errorf("%s session %d: wall %d, dur %d, payload %d bytes (capture is off)", w.typ, w.session, e.Wall, e.DurNs, e.PayloadLen)
		}
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Seq <= evs[i-1].Seq {
			t.Fatalf("events out of order: seq %d after %d", evs[i].Seq, evs[i-1].Seq)
		}
	}
}

// With capture on, events carry the first bytes of the body.
func TestTraceCapturesPayload(t *testing.T) {
	t.Parallel()
	tr := tracer.New(tracer.WithEnabled(true), tracer.WithCapture(true))
	n, _ := startNode(t, runtime.WithTracer(tr))
	reader := &traceReader{tr: tr}
	r := newRecorder()
	rh := launch(t, n, "recorder", "", r)
	body := []byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") // longer than PayloadCap
	if err := n.Send(0, rh, runtime.PTypeLua, 0, body); err != nil {
		t.Fatal(err)
	}
	evs := reader.until(t, "the dispatch", hasEventTo(rh, runtime.PTypeLua, 0))
	e := eventsTo(evs, rh, runtime.PTypeLua, 0)[0]
	if string(e.Captured()) != string(body[:tracer.PayloadCap]) || e.Size != int32(len(body)) {
		t.Fatalf("captured %q (size %d), want the first %d bytes of a %d-byte body",
			e.Captured(), e.Size, tracer.PayloadCap, len(body))
	}

	// A socket message: the capture starts after the socket header, with
	// the bytes its Size counts.
	msg := runtime.AppendSocketHeader(nil, runtime.SockData, 7, 6)
	msg = append(msg, 0x00, 0x04, 0x15, 0x02, 0x04, 0x04)
	if err := n.Send(0, rh, runtime.PTypeSocket, 0, msg); err != nil {
		t.Fatal(err)
	}
	evs = reader.until(t, "the socket dispatch", hasEventTo(rh, runtime.PTypeSocket, 0))
	se := eventsTo(evs, rh, runtime.PTypeSocket, 0)[0]
	if string(se.Captured()) != "\x00\x04\x15\x02\x04\x04" || se.Size != 6 || se.Fd != 7 {
		t.Fatalf("socket event captured % x (size %d, fd %d)", se.Captured(), se.Size, se.Fd)
	}
}

// With tracing off nothing is recorded: no dispatches, no dead letters.
func TestTraceOffRecordsNothing(t *testing.T) {
	t.Parallel()
	tr := tracer.New()
	n, _ := startNode(t, runtime.WithTracer(tr))
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	eh := launch(t, n, "echo", "", &echo{})
	missing := runtime.Handle(0x0100dead)
	_ = client.ctx.Send(missing, runtime.PTypeLua, 1, nil)
	client.expect(t, runtime.PTypeError, 1, missing)
	if err := client.ctx.Send(eh, runtime.PTypeLua, 2, []byte("fail")); err != nil {
		t.Fatal(err)
	}
	if err := client.ctx.Send(eh, runtime.PTypeLua, 3, []byte("x")); err != nil {
		t.Fatal(err)
	}
	client.expect(t, runtime.PTypeResponse, 3, eh)
	// The client's own dispatch of that reply has returned once a second
	// message to it has been dispatched.
	if err := n.Send(0, client.ctx.Handle(), runtime.PTypeText, 0, nil); err != nil {
		t.Fatal(err)
	}
	client.next(t)
	evs, _, dropped := tr.Since(tracer.Cursor{}, nil)
	if len(evs) != 0 || dropped != 0 {
		t.Fatalf("tracing off recorded %d events (%d dropped):\n%s", len(evs), dropped, dumpEvents(evs))
	}
	if n.Tracer() != tr {
		t.Fatal("Tracer() is not the tracer given to WithTracer")
	}
	if runtime.New().Tracer().Enabled() {
		t.Fatal("a node without WithTracer traces")
	}
}
