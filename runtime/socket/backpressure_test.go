package socket_test

import (
	"errors"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

func TestSoftLimitWarnsAndDoubles(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		chunk := func(kb int) []byte { return make([]byte, kb<<10) }
		for _, kb := range []int{600, 600} { // 1200 KB: over 1 MiB
			if err := e.srv.Write(id, chunk(kb)); err != nil {
				t.Fatal(err)
			}
		}
		if ev := e.r.expect(t, runtime.SockWarning, id); ev.UD != 1200 {
			t.Fatalf("first WARNING %v", ev)
		}
		if err := e.srv.Write(id, chunk(600)); err != nil { // 1800 KB: under 2 MiB
			t.Fatal(err)
		}
		if err := e.srv.Write(id, chunk(300)); err != nil { // 2100 KB
			t.Fatal(err)
		}
		if ev := e.r.expect(t, runtime.SockWarning, id); ev.UD != 2100 {
			t.Fatalf("second WARNING %v", ev)
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if got := readN(t, c, 2100<<10); len(got) != 2100<<10 {
			t.Fatal("short read")
		}
		if ev := e.r.expect(t, runtime.SockWarning, id); ev.UD != 0 {
			t.Fatalf("drained WARNING %v", ev)
		}
	})
}

func TestHardLimitClosesWithReason(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		if err := e.srv.Write(id, make([]byte, 512<<10)); err != nil {
			t.Fatal(err)
		}
		e.r.expect(t, runtime.SockWarning, id)
		err := e.srv.Write(id, make([]byte, 600<<10))
		if !errors.Is(err, socket.ErrWriteLimit) {
			t.Fatalf("write over the hard limit: %v", err)
		}
		ev := e.r.expect(t, runtime.SockError, id)
		if r, ok := socket.ParseCloseReason(ev.Payload); !ok || r != socket.CloseWriteLimit {
			t.Fatalf("ERROR %v: reason %v", ev, r)
		}
		if got := readEOF(t, c); got != "" {
			t.Fatalf("peer got %d bytes", len(got))
		}
		if err := e.srv.Write(id, []byte("x")); !errors.Is(err, socket.ErrUnknownSocket) {
			t.Fatalf("write after limit close: %v", err)
		}
	}, socket.WithSoftLimit(256<<10), socket.WithHardLimit(1<<20))
}

func TestCloseGivesUpOnAPeerThatDoesNotRead(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		_, id := e.open(lid, addr)
		if err := e.srv.Write(id, make([]byte, 32<<20)); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Close(id); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Write(id, []byte("x")); !errors.Is(err, socket.ErrClosing) {
			t.Fatalf("write while closing: %v", err)
		}
		ev := e.r.expect(t, runtime.SockError, id)
		if r, _ := socket.ParseCloseReason(ev.Payload); r != socket.CloseTimeout {
			t.Fatalf("ERROR %v", ev)
		}
	}, socket.WithCloseTimeout(50*time.Millisecond))
}
