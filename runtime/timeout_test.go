package runtime_test

import (
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
)

// Timeout with no delay answers at once, as skynet_timeout does.
func TestTimeoutZeroDeliversAtOnce(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	r := newRecorder()
	launch(t, n, "recorder", "", r)
	r.ctx.Timeout(0, 77)
	r.ctx.Timeout(-3, 78)
	for _, s := range []int32{77, 78} {
		if m := r.expect(t, runtime.PTypeResponse, s, 0); m.Data != nil {
			t.Fatalf("timer message carries data %q", m.Data)
		}
	}
}

// Timeout(ti) posts PTYPE_RESPONSE from source 0 with the session, later,
// and timers set in expiry order fire in that order (equal delays in the
// order they were set). How many ticks it waits is checked against the
// wheel in TestTimeoutWaitsWheelTicks: Node.Now can run ahead of the wheel.
func TestTimeoutDeliversResponse(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	r := newRecorder()
	launch(t, n, "recorder", "", r)

	r.ctx.Timeout(5, 21)
	m := r.expect(t, runtime.PTypeResponse, 21, 0)
	if m.Data != nil {
		t.Fatalf("timer message carries data %q", m.Data)
	}

	for i, ti := range []int{2, 2, 3, 5, 5, 5, 8} {
		r.ctx.Timeout(ti, int32(i+1))
	}
	for want := int32(1); want <= 7; want++ {
		r.expect(t, runtime.PTypeResponse, want, 0)
	}
}

// A timer whose service is gone by the time it fires is dropped quietly.
func TestTimeoutForDeadServiceIsDropped(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	gone, witness := newRecorder(), newRecorder()
	launch(t, n, "recorder", "", gone)
	launch(t, n, "recorder", "", witness)
	if err := n.Kill(gone.ctx.Handle()); err != nil {
		t.Fatal(err)
	}
	waitDone(t, gone.ctx)
	gone.ctx.Timeout(2, 1) // as if set just before it exited
	witness.ctx.Timeout(4, 1)
	witness.expect(t, runtime.PTypeResponse, 1, 0) // the later timer fired, so the earlier one did too
	if len(gone.ch) != 0 {
		t.Fatal("a killed service received its timer")
	}
	n.Log(0, "barrier")
	if text := log.waitFor(t, "barrier"); strings.Contains(text, "Drop") {
		t.Fatalf("a timer for a dead service was logged as a dropped message:\n%s", text)
	}
}
