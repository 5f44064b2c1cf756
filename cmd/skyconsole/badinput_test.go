package main

import (
	"encoding/binary"
	"net"
	goruntime "runtime"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/tracer"
)

// waitFor polls cond until it holds or the bound passes.
func waitFor(t *testing.T, what string, bound time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// healthy proves the node still serves: a fresh client gets a handshake.
func healthy(t *testing.T, addr string) {
	t.Helper()
	c := dialExample(t, addr)
	defer c.conn.Close()
	args, _ := c.response(t, c.send(t, "handshake", nil))
	if msg, _ := args["msg"].(string); !strings.HasPrefix(msg, "Welcome") {
		t.Fatalf("handshake answer %v", args)
	}
}

func frame(n int, body []byte) []byte {
	out := make([]byte, 2, 2+len(body))
	binary.BigEndian.PutUint16(out, uint16(n))
	return append(out, body...)
}

// readClosed reports whether the server closed conn (EOF) within the bound,
// skipping whatever frames (heartbeats, answers) arrive first.
func readClosed(conn net.Conn, bound time.Duration) bool {
	_ = conn.SetReadDeadline(time.Now().Add(bound))
	buf := make([]byte, 4096)
	for {
		if _, err := conn.Read(buf); err != nil {
			ne, ok := err.(net.Error)
			return !(ok && ne.Timeout())
		}
	}
}

func TestBadInputAffectsOnlyThatConnection(t *testing.T) {
	tr := tracer.New(tracer.WithEnabled(true), tracer.WithRingSize(1<<15))
	n, log, addr := startExample(t, tr, "gate_maxframe", "1024")
	bystander := dialExample(t, addr)
	defer bystander.conn.Close()
	healthy(t, addr)

	t.Run("a frame over the limit closes that connection", func(t *testing.T) {
		c := dialExample(t, addr)
		defer c.conn.Close()
		c.response(t, c.send(t, "handshake", nil))
		if _, err := c.conn.Write(frame(2000, make([]byte, 10))); err != nil {
			t.Fatal(err)
		}
		if !readClosed(c.conn, 10*time.Second) {
			t.Fatal("connection with an oversized frame was not closed")
		}
		waitFor(t, "the reason in the log", 10*time.Second, func() bool {
			return strings.Contains(log.String(), "frame too large")
		})
	})

	t.Run("garbage that is not sproto fails that request only", func(t *testing.T) {
		c := dialExample(t, addr)
		defer c.conn.Close()
		c.response(t, c.send(t, "handshake", nil))
		before := strings.Count(log.String(), "error")
		if _, err := c.conn.Write(frame(5, []byte{0xff, 0xff, 0xff, 0xff, 0xff})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the decode error in the log", 10*time.Second, func() bool {
			return strings.Count(log.String(), "error") > before
		})
		// the same connection still works
		args, _ := c.response(t, c.send(t, "get", map[string]any{"what": "nothing"}))
		if _, ok := args["result"]; ok {
			t.Fatalf("unexpected value %v", args)
		}
	})

	t.Run("a client vanishing mid-frame drops only its partial frame", func(t *testing.T) {
		c := dialExample(t, addr)
		c.response(t, c.send(t, "handshake", nil))
		if _, err := c.conn.Write(frame(100, []byte("only part"))); err != nil {
			t.Fatal(err)
		}
		// make sure the partial frame reached the gate before closing
		waitFor(t, "the partial frame to arrive", 10*time.Second, func() bool {
			evs, _, _ := tr.Since(tracer.Cursor{}, nil)
			for _, e := range evs {
				if e.Type == tracer.TypeSocket && e.Sock == tracer.SockData && e.Size == 11 {
					return true
				}
			}
			return false
		})
		c.conn.Close()
		waitFor(t, "the dropped-bytes note", 10*time.Second, func() bool {
			return strings.Contains(log.String(), "incomplete frame (dropped)")
		})
	})

	t.Run("1,000 connect/close cycles leave nothing behind", func(t *testing.T) {
		services := n.ServiceCount()
		goroutines := goruntime.NumGoroutine()
		defer func() { t.Logf("goroutines before %d, after %d", goroutines, goruntime.NumGoroutine()) }()
		for i := 0; i < 1000; i++ {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			conn.Close()
		}
		waitFor(t, "agents to exit", 60*time.Second, func() bool { return n.ServiceCount() <= services })
		waitFor(t, "goroutines to settle", 30*time.Second, func() bool {
			return goruntime.NumGoroutine() <= goroutines+20
		})
		waitFor(t, "sockets to be released", 30*time.Second, func() bool {
			return len(n.Sockets.Info()) <= 3 // listeners + the bystander
		})
	})

	// the connection opened before all this was never disturbed
	args, _ := bystander.response(t, bystander.send(t, "handshake", nil))
	if msg, _ := args["msg"].(string); !strings.HasPrefix(msg, "Welcome") {
		t.Fatalf("bystander handshake answer %v", args)
	}
	healthy(t, addr)
}
