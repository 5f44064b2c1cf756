package socket_test

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// Many connections each send their last bytes and close at once, so the
// FIN often arrives together with the data. Every byte must be delivered
// before the CLOSE, on every transport (on Linux TCP this is the poller's
// level-triggered read noticing EOF after the last data).
func TestLastDataThenEOFOnManyConnections(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		const conns = 50
		ids := make([]int, conns)
		clients := make([]io.WriteCloser, conns)
		for i := range conns {
			clients[i], ids[i] = e.open(lid, addr)
		}
		for i, c := range clients {
			msg := fmt.Sprintf("conn %02d says goodbye", i)
			if _, err := c.Write([]byte(msg)); err != nil {
				t.Fatal(err)
			}
			c.Close()
		}
		for i, id := range ids {
			want := fmt.Sprintf("conn %02d says goodbye", i)
			if got := e.r.data(t, id, len(want)); got != want {
				t.Fatalf("conn %d: DATA %q, want %q", i, got, want)
			}
			e.r.expect(t, runtime.SockClose, id)
		}
	})
}

// A peer that stops reading makes writes back up in the kernel; what the
// kernel did not take waits in the queue and goes out in order once the
// peer reads again, and afterwards small writes flow as before.
func TestWritesSurviveAPeerThatPausesReading(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		c, id := e.open(lid, addr)
		var want bytes.Buffer
		chunk := make([]byte, 64<<10)
		for i := range 64 { // 4 MiB: more than loopback buffers hold
			for j := range chunk {
				chunk[j] = byte(i*7 + j)
			}
			want.Write(chunk)
			if err := e.srv.Write(id, bytes.Clone(chunk)); err != nil {
				t.Fatal(err)
			}
		}
		got := readN(t, c, want.Len())
		if got != want.String() {
			t.Fatal("bytes arrived changed or out of order after the peer caught up")
		}
		for i := range 100 {
			msg := fmt.Sprintf("small %03d;", i)
			if err := e.srv.Write(id, []byte(msg)); err != nil {
				t.Fatal(err)
			}
			if got := readN(t, c, len(msg)); got != msg {
				t.Fatalf("after backlog: read %q, want %q", got, msg)
			}
		}
	}, socket.WithSoftLimit(64<<20))
}

// Echo on many connections at once, from many goroutines: each connection
// gets exactly its own bytes back, in order.
func TestConcurrentEchoKeepsEachStreamApart(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		const conns, rounds = 32, 50
		ids := make([]int, conns)
		clients := make([]interface {
			io.ReadWriter
			SetReadDeadline(time.Time) error
		}, conns)
		for i := range conns {
			c, id := e.open(lid, addr)
			clients[i], ids[i] = c, id
		}
		// The recorder echoes from a goroutine: every DATA goes back.
		done := make(chan struct{})
		go func() {
			for {
				select {
				case ev := <-e.r.ch:
					if ev.Type == runtime.PTypeSocket && ev.Sub == runtime.SockData {
						_ = e.srv.Write(ev.ID, []byte(ev.Payload))
					}
				case <-done:
					return
				}
			}
		}()
		defer close(done)
		var wg sync.WaitGroup
		errs := make(chan error, conns)
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				buf := make([]byte, 64)
				for r := range rounds {
					msg := fmt.Sprintf("c%02d r%03d", i, r)
					if _, err := c.Write([]byte(msg)); err != nil {
						errs <- err
						return
					}
					_ = c.SetReadDeadline(time.Now().Add(waitFor))
					if _, err := io.ReadFull(c, buf[:len(msg)]); err != nil {
						errs <- fmt.Errorf("conn %d round %d: %w", i, r, err)
						return
					}
					if string(buf[:len(msg)]) != msg {
						errs <- fmt.Errorf("conn %d got %q, want %q", i, buf[:len(msg)], msg)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	})
}

// Churn: many connections stream while the server pauses, resumes,
// writes to, closes, shuts down and abandons them at random. Nothing may
// panic, deadlock or race, every socket ends exactly once with its
// events in order (no DATA after the end), and the server stops clean.
func TestChurnOfManyConnections(t *testing.T) {
	eachTransport(t, func(t *testing.T, e *env) {
		lid, addr := e.listen()
		const conns = 60
		type pair struct {
			c  io.ReadWriteCloser
			id int
		}
		pairs := make([]pair, conns)
		for i := range conns {
			c, id := e.open(lid, addr)
			pairs[i] = pair{c, id}
		}
		var wg sync.WaitGroup
		for _, p := range pairs {
			wg.Add(2)
			go func() { // the peer writes until the socket goes away
				defer wg.Done()
				buf := bytes.Repeat([]byte("x"), 700)
				for range 200 {
					if _, err := p.c.Write(buf); err != nil {
						return
					}
				}
			}()
			go func() { // and reads whatever comes back
				defer wg.Done()
				_, _ = io.Copy(io.Discard, p.c)
			}()
		}
		for i, p := range pairs {
			switch i % 6 {
			case 0:
				_ = e.srv.Pause(p.id)
				_ = e.srv.Write(p.id, []byte("while paused"))
				_ = e.srv.Resume(p.id)
			case 1:
				_ = e.srv.Close(p.id)
			case 2:
				_ = e.srv.Shutdown(p.id)
			case 3:
				if c, err := e.srv.Abandon(p.id); err == nil && c != nil {
					_ = c.Close()
				}
			case 4:
				for range 20 {
					_ = e.srv.Write(p.id, bytes.Repeat([]byte("y"), 4096))
				}
			}
		}
		for i, p := range pairs {
			if i%6 == 4 || i%6 == 5 || i%6 == 0 {
				p.c.Close() // let the peer side end these
			}
		}
		isEnd := func(ev event) bool {
			return ev.Type == runtime.PTypeSocket && (ev.Sub == runtime.SockClose || ev.Sub == runtime.SockError)
		}
		// Gather every event, in arrival order, until each socket that was
		// not abandoned has ended.
		deadline := time.Now().Add(waitFor)
		for {
			e.r.barrier(t, e.node)
			ended := map[int]bool{}
			for _, ev := range e.r.pending {
				if isEnd(ev) {
					ended[ev.ID] = true
				}
			}
			missing := 0
			for i, p := range pairs {
				if i%6 != 3 && !ended[p.id] {
					missing++
				}
			}
			if missing == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d sockets never ended", missing)
			}
			time.Sleep(10 * time.Millisecond)
		}
		for _, p := range pairs {
			p.c.Close()
		}
		wg.Wait()
		e.r.barrier(t, e.node)
		// A socket ends once, and its end is its last event.
		ends := map[int]int{}
		for _, ev := range e.r.pending {
			if ev.Type != runtime.PTypeSocket {
				continue
			}
			if n, done := ends[ev.ID]; done {
				t.Fatalf("socket %d: %v after its end (%d ends so far)", ev.ID, ev, n)
			}
			if isEnd(ev) {
				ends[ev.ID] = 1
			}
		}
		for i, p := range pairs {
			if i%6 == 3 {
				if _, ended := ends[p.id]; ended {
					t.Fatalf("abandoned socket %d got an end event", p.id)
				}
			}
		}
		for _, st := range e.srv.Info() {
			if st.Kind == socket.KindTCP {
				t.Fatalf("socket left after churn: %+v", st)
			}
		}
	})
}
