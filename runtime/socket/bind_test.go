package socket_test

import (
	"errors"
	"io"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// stdin bound as a socket: nothing is read before Start, lines arrive as
// DATA, a second Bind is refused while the first lives, a new Bind after
// Close reads on where the first stopped, and the end of input is CLOSE.
func TestBindStdin(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	e := newEnv(t, socket.NewMemTransport(), "mem:0", socket.WithStdin(pr))

	if _, err := e.srv.Bind(e.r.h, 3); !errors.Is(err, socket.ErrCannotBind) {
		t.Fatalf("bind fd 3: %v", err)
	}
	id, err := e.srv.Bind(e.r.h, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.Bind(e.r.h, 0); !errors.Is(err, socket.ErrStdinBound) {
		t.Fatalf("second bind: %v", err)
	}
	if st, ok := stat(e.srv, id); !ok || st.Kind != socket.KindBind {
		t.Fatalf("netstat of the bound socket: %+v %v", st, ok)
	}
	if err := e.srv.Write(id, []byte("x")); !errors.Is(err, socket.ErrNotStream) {
		t.Fatalf("write to stdin: %v", err)
	}
	go func() { _, _ = pw.Write([]byte("simpledb\n")) }()
	e.r.barrier(t, e.node)
	e.r.none(t, id) // not read before Start

	if err := e.srv.Start(e.r.h, id); err != nil {
		t.Fatal(err)
	}
	if ev := e.r.first(t, id); ev.Sub != runtime.SockConnect || ev.Payload != "start" {
		t.Fatalf("first event after Start: %v", ev)
	}
	if got := e.r.data(t, id, 9); got != "simpledb\n" {
		t.Fatalf("DATA %q", got)
	}
	if err := e.srv.Close(id); err != nil {
		t.Fatal(err)
	}
	e.r.expect(t, runtime.SockClose, id)

	id2, err := e.srv.Bind(e.r.h, 0)
	if err != nil {
		t.Fatalf("bind after close: %v", err)
	}
	if err := e.srv.Start(e.r.h, id2); err != nil {
		t.Fatal(err)
	}
	e.r.expect(t, runtime.SockConnect, id2)
	go func() {
		_, _ = pw.Write([]byte("hello a b\n"))
		pw.Close()
	}()
	if got := e.r.data(t, id2, 10); got != "hello a b\n" {
		t.Fatalf("DATA after rebind %q", got)
	}
	e.r.expect(t, runtime.SockClose, id2)
}

// Without WithStdin nothing can be bound: a node under a TUI or in a test
// never competes for the terminal.
func TestBindWithoutStdinIsRefused(t *testing.T) {
	e := newEnv(t, socket.NewMemTransport(), "mem:0")
	if _, err := e.srv.Bind(e.r.h, 0); !errors.Is(err, socket.ErrCannotBind) {
		t.Fatalf("bind without stdin: %v", err)
	}
}
