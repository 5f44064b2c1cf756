package socket_test

import (
	"errors"
	"net"
	goruntime "runtime"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

func TestConnectCloseCyclesLeaveNoGoroutines(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		cycle := func() {
			cid, err := e.srv.Connect(e.r.h, addr)
			if err != nil {
				t.Fatal(err)
			}
			e.r.expect(t, runtime.SockConnect, cid)
			aid := e.r.expect(t, runtime.SockAccept, lid).UD
			if err := e.srv.Start(e.r.h, aid); err != nil {
				t.Fatal(err)
			}
			e.r.expect(t, runtime.SockConnect, aid)
			if err := e.srv.Write(cid, []byte("x")); err != nil {
				t.Fatal(err)
			}
			e.r.data(t, aid, 1)
			if err := e.srv.Close(cid); err != nil {
				t.Fatal(err)
			}
			e.r.expect(t, runtime.SockClose, cid)
			e.r.expect(t, runtime.SockClose, aid)
		}
		cycle() // let the runtime start whatever it starts lazily
		base := goruntime.NumGoroutine()
		for range 1000 {
			cycle()
		}
		settleGoroutines(t, base)
		if info := e.srv.Info(); len(info) != 1 || info[0].ID != lid {
			t.Fatalf("sockets left: %+v", info)
		}
	})
}

// Stop ends sockets in every state, including a flush blocked on a peer
// that does not read, and leaves no goroutine behind.
func TestStopLeavesNothingRunning(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		base := goruntime.NumGoroutine()
		lid, addr := e.listen()
		var clients []net.Conn
		for range 4 {
			c, _ := e.open(lid, addr)
			clients = append(clients, c)
		}
		c, _ := e.accept(lid, addr) // never started
		clients = append(clients, c)
		c, id := e.open(lid, addr) // a peer that never reads
		clients = append(clients, c)
		if err := e.srv.Write(id, make([]byte, 32<<20)); err != nil {
			t.Fatal(err)
		}
		cid, err := e.srv.Connect(e.r.h, addr)
		if err != nil {
			t.Fatal(err)
		}
		e.r.expect(t, runtime.SockConnect, cid)

		e.srv.Stop()
		settleGoroutines(t, base)
		for _, c := range clients {
			_ = c.SetReadDeadline(time.Now().Add(waitFor))
			buf := make([]byte, 64<<10)
			for {
				if _, err := c.Read(buf); err != nil {
					break // EOF or reset: closed either way
				}
			}
		}
		if _, err := e.srv.Listen(e.r.h, e.any, 0); !errors.Is(err, socket.ErrServerClosed) {
			t.Fatalf("listen after Stop: %v", err)
		}
		if _, err := e.srv.Connect(e.r.h, addr); !errors.Is(err, socket.ErrServerClosed) {
			t.Fatalf("connect after Stop: %v", err)
		}
		if n := len(e.srv.Info()); n != 0 {
			t.Fatalf("%d sockets after Stop", n)
		}
		e.srv.Stop() // twice is fine
	})
}

func TestPeerResetGivesError(t *testing.T) {
	e := newEnv(t, socket.TCP{}, "127.0.0.1:0")
	lid, addr := e.listen()
	c, id := e.open(lid, addr)
	if err := c.(*net.TCPConn).SetLinger(0); err != nil { // close with RST
		t.Fatal(err)
	}
	c.Close()
	ev := e.r.next(t, "end of the connection", func(ev event) bool {
		return ev.ID == id && (ev.Sub == runtime.SockError || ev.Sub == runtime.SockClose)
	})
	if r, _ := socket.ParseCloseReason(ev.Payload); ev.Sub != runtime.SockError || r != socket.CloseReset {
		t.Fatalf("got %v", ev)
	}
}

func TestTooManySockets(t *testing.T) {
	e := newEnv(t, socket.NewMemTransport(), "mem:0", socket.WithMaxSockets(2))
	lid, addr := e.listen()
	e.accept(lid, addr)
	c := e.dial(addr) // refused by the full table: closed without an ACCEPT
	if got := readEOF(t, c); got != "" {
		t.Fatalf("read %q", got)
	}
	if _, err := e.srv.Connect(e.r.h, addr); !errors.Is(err, socket.ErrTooManySockets) {
		t.Fatalf("connect with a full table: %v", err)
	}
}
