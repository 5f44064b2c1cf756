package socket_test

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// Start moves a socket to a new owner ("start" the first time, "transfer"
// afterwards), and events follow the owner.
func TestStartChangesOwner(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		agent := e.spawn()
		if err := e.srv.Start(agent.h, id); err != nil {
			t.Fatal(err)
		}
		if ev := agent.first(t, id); ev.Payload != "start" {
			t.Fatalf("agent got %v", ev)
		}
		c.Write([]byte("to agent"))
		if got := agent.data(t, id, 8); got != "to agent" {
			t.Fatalf("agent DATA %q", got)
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if ev := e.r.first(t, id); ev.Sub != runtime.SockConnect || ev.Payload != "transfer" {
			t.Fatalf("back to gate: %v", ev)
		}
		c.Write([]byte("to gate"))
		if got := e.r.data(t, id, 7); got != "to gate" {
			t.Fatalf("gate DATA %q", got)
		}
	})
}

func TestStartUnknownIDAnswersError(t *testing.T) {
	e := newEnv(t, socket.NewMemTransport(), "mem:0")
	if err := e.srv.Start(e.r.h, 4242); !errors.Is(err, socket.ErrUnknownSocket) {
		t.Fatalf("Start: %v", err)
	}
	if ev := e.r.expect(t, runtime.SockError, 4242); !strings.Contains(ev.Payload, "invalid socket") {
		t.Fatalf("ERROR %v", ev)
	}
}

// A socket whose owner died is closed when the next event cannot be
// delivered.
func TestDeadOwnerClosesSocket(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		agent := e.spawn()
		if err := e.srv.Start(agent.h, id); err != nil {
			t.Fatal(err)
		}
		agent.first(t, id)
		if err := e.node.Kill(agent.h); err != nil {
			t.Fatal(err)
		}
		c.Write([]byte("anyone there?"))
		if got := readEOF(t, c); got != "" {
			t.Fatalf("read %q", got)
		}
	})
}

func TestPauseResume(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		if err := e.srv.Pause(id); err != nil {
			t.Fatal(err)
		}
		if st, _ := stat(e.srv, id); st.Reading {
			t.Fatalf("paused socket reading: %+v", st)
		}
		if err := e.srv.Resume(id); err != nil {
			t.Fatal(err)
		}
		c.Write([]byte("resumed"))
		if got := e.r.data(t, id, 7); got != "resumed" {
			t.Fatalf("DATA %q", got)
		}
		// Start resumes too, as skynet's resume is its start.
		if err := e.srv.Pause(id); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if ev := e.r.first(t, id); ev.Payload != "transfer" {
			t.Fatalf("Start on a paused socket: %v", ev)
		}
		if st, _ := stat(e.srv, id); !st.Reading {
			t.Fatalf("still paused after Start: %+v", st)
		}
	})
}

func TestAbandonHandsBackTheConn(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		res, err := e.srv.Abandon(id)
		if err != nil {
			t.Fatal(err)
		}
		conn, ok := res.(net.Conn)
		if !ok {
			t.Fatalf("Abandon returned %T", res)
		}
		defer conn.Close()
		// Abandon waited for the socket's goroutines, so any event they
		// sent is already queued ahead of the barrier.
		e.r.barrier(t, e.node)
		e.r.none(t, id)
		if _, ok := stat(e.srv, id); ok {
			t.Fatal("abandoned socket still listed")
		}
		if _, err := conn.Write([]byte("direct")); err != nil {
			t.Fatal(err)
		}
		if got := readN(t, c, 6); got != "direct" {
			t.Fatalf("client read %q", got)
		}
		lres, err := e.srv.Abandon(lid)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := lres.(net.Listener); !ok {
			t.Fatalf("Abandon(listener) returned %T", lres)
		}
		lres.Close()
	})
}

func TestUnknownIDs(t *testing.T) {
	e := newEnv(t, socket.NewMemTransport(), "mem:0")
	for name, op := range map[string]func() error{
		"write":    func() error { return e.srv.Write(99, []byte("x")) },
		"close":    func() error { return e.srv.Close(99) },
		"shutdown": func() error { return e.srv.Shutdown(99) },
		"nodelay":  func() error { return e.srv.NoDelay(99) },
		"pause":    func() error { return e.srv.Pause(99) },
		"abandon":  func() error { _, err := e.srv.Abandon(99); return err },
	} {
		if err := op(); !errors.Is(err, socket.ErrUnknownSocket) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := e.srv.Listen(0, "mem:1", 0); !errors.Is(err, socket.ErrNoOwner) {
		t.Errorf("listen without owner: %v", err)
	}
}

func TestCloseReasonStrings(t *testing.T) {
	for r := socket.CloseNone; r <= socket.CloseAbandoned; r++ {
		got, ok := socket.ParseCloseReason(r.String() + ": detail")
		if !ok || got != r {
			t.Errorf("%v round-trips to %v", r, got)
		}
	}
	if got := socket.CloseReason(200).String(); got != "reason_200" {
		t.Errorf("unknown reason prints %q", got)
	}
	if _, ok := socket.ParseCloseReason("invalid socket"); ok {
		t.Error("parsed a non-reason")
	}
}
