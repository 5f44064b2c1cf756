package runtime

import (
	"io"
	"testing"
	"time"
)

// tickRecorder reports the node time at which each message is dispatched.
type tickRecorder struct{ ch chan [2]int64 }

func (r *tickRecorder) Init(c *Context, args string) error { return nil }
func (r *tickRecorder) Dispatch(c *Context, m *Message) error {
	r.ch <- [2]int64{int64(m.Session), c.Node().Now()}
	return nil
}
func (r *tickRecorder) Release(c *Context) {}

// Timeout(ti) is not delivered before the timer wheel has moved ti ticks
// past where it was when the timer was set.
func TestTimeoutWaitsWheelTicks(t *testing.T) {
	t.Parallel()
	n := New(WithLog(io.Discard), WithThreads(2))
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		go n.Stop()
		select {
		case <-n.Done():
		case <-time.After(10 * time.Second):
			t.Error("node did not stop")
		}
	}()
	rec := &tickRecorder{ch: make(chan [2]int64, 16)}
	n.RegisterModule("ticks", func() Service { return rec })
	h, err := n.Launch("ticks", "")
	if err != nil {
		t.Fatal(err)
	}
	c := n.Lookup(h)
	for i, ti := range []int{1, 5, 12} {
		n.timers.mu.Lock()
		wheel := n.timers.now
		n.timers.mu.Unlock()
		c.Timeout(ti, int32(i+1))
		select {
		case got := <-rec.ch:
			if got[0] != int64(i+1) {
				t.Fatalf("got session %d, want %d", got[0], i+1)
			}
			if got[1] < wheel+int64(ti) {
				t.Fatalf("Timeout(%d) set at wheel tick %d delivered at node tick %d", ti, wheel, got[1])
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Timeout(%d) never delivered", ti)
		}
	}
}
