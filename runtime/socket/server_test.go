package socket_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

func TestListenGivesConnect(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		id, err := e.srv.Listen(e.r.h, e.any, 16)
		if err != nil {
			t.Fatal(err)
		}
		ev := e.r.expect(t, runtime.SockConnect, id)
		st, _ := stat(e.srv, id)
		host, port, _ := net.SplitHostPort(st.Local)
		if ev.Payload != host || strconv.Itoa(ev.UD) != port {
			t.Fatalf("listen CONNECT %v, bound %s", ev, st.Local)
		}
		if st.Kind != socket.KindListen || st.State != "plisten" || st.Reading {
			t.Fatalf("before Start: %+v", st)
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if ev := e.r.expect(t, runtime.SockConnect, id); ev.Payload != "start" || ev.UD != 0 {
			t.Fatalf("start CONNECT %v", ev)
		}
		if st, _ := stat(e.srv, id); st.State != "listen" || !st.Reading {
			t.Fatalf("after Start: %+v", st)
		}
	})
}

func TestBarePortListensOnLoopback(t *testing.T) {
	e := newEnv(t, socket.TCP{}, "")
	id, err := e.srv.Listen(e.r.h, "0", 0)
	if err != nil {
		t.Fatal(err)
	}
	if ev := e.r.expect(t, runtime.SockConnect, id); ev.Payload != "127.0.0.1" {
		t.Fatalf("bound %v, want 127.0.0.1", ev)
	}
}

// An accepted connection is announced to the listener's owner, is not read
// before Start, and Start yields CONNECT "start" before any DATA.
func TestAcceptNoDataBeforeStart(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		if id == lid || id <= 0 {
			t.Fatalf("accepted id %d (listener %d)", id, lid)
		}
		if _, err := c.Write([]byte("hello")); err != nil {
			t.Fatal(err)
		}
		e.r.barrier(t, e.node)
		e.r.none(t, id)
		st, ok := stat(e.srv, id)
		if !ok || st.State != "paccept" || st.Reading || st.ReadBytes != 0 || st.Owner != e.r.h {
			t.Fatalf("accepted socket before Start: %+v", st)
		}
		if st.Peer != c.LocalAddr().String() || st.Local != c.RemoteAddr().String() {
			t.Fatalf("addresses %+v, client %s -> %s", st, c.LocalAddr(), c.RemoteAddr())
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if ev := e.r.first(t, id); ev.Sub != runtime.SockConnect || ev.Payload != "start" {
			t.Fatalf("first event after Start: %v", ev)
		}
		if got := e.r.data(t, id, 5); got != "hello" {
			t.Fatalf("DATA %q", got)
		}
	})
}

// A deliberate difference from skynet, which drops these writes.
func TestWriteBeforeStartIsFlushedOnStart(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.accept(lid, addr)
		if err := e.srv.Write(id, []byte("early ")); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Write(id, []byte("bird")); err != nil {
			t.Fatal(err)
		}
		if st, _ := stat(e.srv, id); st.Buffered != 10 || st.Writing || st.WriteBytes != 0 {
			t.Fatalf("before Start: %+v", st)
		}
		if err := e.srv.Start(e.r.h, id); err != nil {
			t.Fatal(err)
		}
		if got := readN(t, c, 10); got != "early bird" {
			t.Fatalf("client read %q", got)
		}
	})
}

func TestEchoBothWaysAndInfo(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		if _, err := c.Write([]byte("ping")); err != nil {
			t.Fatal(err)
		}
		if got := e.r.data(t, id, 4); got != "ping" {
			t.Fatalf("DATA %q", got)
		}
		if err := e.srv.Write(id, []byte("pong!")); err != nil {
			t.Fatal(err)
		}
		if got := readN(t, c, 5); got != "pong!" {
			t.Fatalf("client read %q", got)
		}
		st, _ := stat(e.srv, id)
		if st.Kind != socket.KindTCP || st.State != "connected" || !st.Reading ||
			st.ReadBytes != 4 || st.LastRead.IsZero() {
			t.Fatalf("stat %+v", st)
		}
		if err := e.srv.Write(lid, []byte("x")); !errors.Is(err, socket.ErrNotStream) {
			t.Fatalf("write to listener: %v", err)
		}
	})
}

func TestCloseFlushesThenCloses(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		if err := e.srv.Write(id, []byte("bye")); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Close(id); err != nil {
			t.Fatal(err)
		}
		if got := readEOF(t, c); got != "bye" {
			t.Fatalf("client read %q before EOF", got)
		}
		if ev := e.r.expect(t, runtime.SockClose, id); ev.Payload != "" {
			t.Fatalf("CLOSE %v", ev)
		}
		if err := e.srv.Write(id, []byte("late")); !errors.Is(err, socket.ErrUnknownSocket) {
			t.Fatalf("write after close: %v", err)
		}
		if err := e.srv.Close(lid); err != nil {
			t.Fatal(err)
		}
		e.r.expect(t, runtime.SockClose, lid)
	})
}

func TestPeerDisconnectGivesClose(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		if _, err := c.Write([]byte("last words")); err != nil {
			t.Fatal(err)
		}
		c.Close()
		if got := e.r.data(t, id, 10); got != "last words" {
			t.Fatalf("DATA %q", got)
		}
		e.r.expect(t, runtime.SockClose, id)
		if _, ok := stat(e.srv, id); ok {
			t.Fatal("closed socket still listed")
		}
	})
}

// Close keeps buffered writes; Shutdown drops them. Neither socket is
// started, so what is buffered is exactly what was written.
func TestShutdownVersusClose(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		ca, a := e.accept(lid, addr)
		cb, b := e.accept(lid, addr)
		payload := strings.Repeat("x", 100<<10)
		for _, id := range []int{a, b} {
			if err := e.srv.Write(id, []byte(payload)); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.srv.Close(a); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Shutdown(b); err != nil {
			t.Fatal(err)
		}
		if got := readEOF(t, ca); got != payload {
			t.Fatalf("Close delivered %d bytes, want %d", len(got), len(payload))
		}
		if got := readEOF(t, cb); got != "" {
			t.Fatalf("Shutdown delivered %d bytes", len(got))
		}
		e.r.expect(t, runtime.SockClose, a)
		e.r.expect(t, runtime.SockClose, b)
	})
}

func TestRebindRightAfterClose(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		// The server closes first, so its side of the connection is left
		// in TIME_WAIT on the listening port.
		if err := e.srv.Close(id); err != nil {
			t.Fatal(err)
		}
		readEOF(t, c)
		c.Close()
		e.r.expect(t, runtime.SockClose, id)
		if err := e.srv.Close(lid); err != nil {
			t.Fatal(err)
		}
		e.r.expect(t, runtime.SockClose, lid)
		lid2, err := e.srv.Listen(e.r.h, addr, 0)
		if err != nil {
			t.Fatalf("rebind %s: %v", addr, err)
		}
		if lid2 == lid {
			t.Fatalf("listener id %d reused at once", lid2)
		}
		e.r.expect(t, runtime.SockConnect, lid2)
	})
}

func TestConnectRoundTrip(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		cid, err := e.srv.Connect(e.r.h, addr)
		if err != nil {
			t.Fatal(err)
		}
		// Written while connecting: queued and sent once connected.
		if err := e.srv.Write(cid, []byte("ping")); err != nil {
			t.Fatal(err)
		}
		host, _, _ := net.SplitHostPort(addr)
		if ev := e.r.expect(t, runtime.SockConnect, cid); ev.Payload != host {
			t.Fatalf("connect CONNECT %v", ev)
		}
		aid := e.r.expect(t, runtime.SockAccept, lid).UD
		if err := e.srv.Start(e.r.h, aid); err != nil {
			t.Fatal(err)
		}
		if got := e.r.data(t, aid, 4); got != "ping" {
			t.Fatalf("server got %q", got)
		}
		if err := e.srv.Write(aid, []byte("pong")); err != nil {
			t.Fatal(err)
		}
		if got := e.r.data(t, cid, 4); got != "pong" {
			t.Fatalf("client got %q", got)
		}
		if err := e.srv.NoDelay(cid); err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Close(cid); err != nil {
			t.Fatal(err)
		}
		e.r.expect(t, runtime.SockClose, cid)
		e.r.expect(t, runtime.SockClose, aid)
	})
}

func TestConnectToClosedPortGivesError(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		ln, err := e.tr.Listen(context.Background(), e.any, 0)
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		id, err := e.srv.Connect(e.r.h, addr)
		if err != nil {
			t.Fatal(err)
		}
		ev := e.r.expect(t, runtime.SockError, id)
		if r, _ := socket.ParseCloseReason(ev.Payload); r != socket.CloseConnect {
			t.Fatalf("ERROR %v", ev)
		}
		if _, ok := stat(e.srv, id); ok {
			t.Fatal("failed connection still listed")
		}
	})
}
