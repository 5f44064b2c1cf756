package runtime_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
)

// Requests queued in a killed service's mailbox are answered with
// PTYPE_ERROR in order; queued plain sends are dropped; the handler never
// sees any of them and Release runs once.
func TestKillAnswersQueuedRequests(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	client := newRecorder()
	ch := launch(t, n, "recorder", "", client)
	s := newStall(t)
	sh := launch(t, n, "stall", "", s)

	if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, s.entered, "the stall to hold its worker")
	for _, q := range []struct {
		session int32
		data    string
	}{{11, "q1"}, {0, "plain"}, {12, "q2"}} {
		if err := client.ctx.Send(sh, runtime.PTypeLua, q.session, []byte(q.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := n.Kill(sh); err != nil {
		t.Fatalf("Kill: %v", err)
	}
	if n.Lookup(sh) != nil {
		t.Fatal("a killed handle still resolves")
	}
	s.release()

	client.expect(t, runtime.PTypeError, 11, sh)
	client.expect(t, runtime.PTypeError, 12, sh)
	waitDone(t, s.ctx)
	if got := s.dispatched.Load(); got != 1 {
		t.Errorf("handler ran %d times, want 1 (queued messages must not be dispatched)", got)
	}
	if got := s.released.Load(); got != 1 {
		t.Errorf("Release ran %d times, want 1", got)
	}
	// The plain send got no answer: a marker is the next thing the client sees.
	if err := n.Send(0, ch, runtime.PTypeText, 0, []byte("marker")); err != nil {
		t.Fatal(err)
	}
	if m := client.next(t); string(m.Data) != "marker" {
		t.Fatalf("after the two error replies the client got %s session %d", m.Type, m.Session)
	}
	log.waitFor(t, fmt.Sprintf("Drop message from %s to %s (type=lua)(session=0)(size=5): service killed", ch, sh))
}

// A handler Blocked on a call whose request is still queued in the callee
// when the callee is killed gets PTYPE_ERROR from the callee.
func TestKillWakesCallerBlockedOnKilledService(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	s := newStall(t)
	sh := launch(t, n, "stall", "", s)
	b := newBlocker(sh)
	bh := launch(t, n, "blocker", "", b)

	if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, s.entered, "the stall to hold its worker")
	if err := client.ctx.Send(bh, runtime.PTypeLua, 5, []byte("work")); err != nil {
		t.Fatal(err)
	}
	sess := recv(t, b.sent, "the blocker's call") // now queued behind the held message
	if err := n.Kill(sh); err != nil {
		t.Fatal(err)
	}
	s.release()

	res := recv(t, b.results, "the blocked caller to wake")
	if res.err != nil || res.msg.Type != runtime.PTypeError || res.msg.Session != sess || res.msg.Source != sh {
		t.Fatalf("Block returned %+v, %v; want PTYPE_ERROR session %d from %s", res.msg, res.err, sess, sh)
	}
	client.expect(t, runtime.PTypeError, 5, bh)
	if b.released.Load() != 0 {
		t.Error("the caller was released although only its callee was killed")
	}
}

// A service killed while its handler is blocked in Block: Block returns
// ErrKilled, the handler unwinds (and here answers its own caller), and
// only then is the service released, exactly once. The callee's late reply
// is a dead letter.
func TestKillWhileBlocked(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	client, callee := newRecorder(), newRecorder()
	launch(t, n, "recorder", "", client)
	gh := launch(t, n, "recorder", "", callee)
	b := newBlocker(gh)
	bh := launch(t, n, "blocker", "", b)
	bctx := n.Lookup(bh)

	if err := client.ctx.Send(bh, runtime.PTypeLua, 4, []byte("work")); err != nil {
		t.Fatal(err)
	}
	sess := recv(t, b.sent, "the blocker's call")
	callee.expect(t, runtime.PTypeLua, sess, bh)
	if err := n.Kill(bh); err != nil {
		t.Fatal(err)
	}

	res := recv(t, b.results, "Block to return")
	if !errors.Is(res.err, runtime.ErrKilled) {
		t.Fatalf("Block returned %+v, %v; want ErrKilled", res.msg, res.err)
	}
	client.expect(t, runtime.PTypeError, 4, bh)
	waitDone(t, bctx)
	if !bctx.Dead() {
		t.Error("released context does not report Dead")
	}
	if got := b.released.Load(); got != 1 {
		t.Fatalf("Release ran %d times, want 1", got)
	}
	if !b.releasedAfterBlock.Load() {
		t.Fatal("Release ran before the blocked handler unwound")
	}

	err := callee.ctx.Send(bh, runtime.PTypeResponse, sess, []byte("late"))
	if !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("late reply to a dead service: err = %v, want ErrUnknownAddress", err)
	}
	log.waitFor(t, fmt.Sprintf("Drop response from %s to %s (session=%d)(size=4): unknown address", gh, bh, sess))

	stopNode(t, n)
	if got := b.released.Load(); got != 1 {
		t.Fatalf("Release ran %d times after Stop, want 1", got)
	}
}

// A handler that exits its own service finishes normally and the service is
// released once; the handle is dead from then on.
func TestExitFromHandler(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	e := &echo{}
	eh := launch(t, n, "echo", "", e)
	ctx := n.Lookup(eh)
	if err := n.Send(0, eh, runtime.PTypeLua, 0, []byte("exit")); err != nil {
		t.Fatal(err)
	}
	waitDone(t, ctx)
	if got := e.released.Load(); got != 1 {
		t.Fatalf("Release ran %d times, want 1", got)
	}
	if err := n.Send(0, eh, runtime.PTypeLua, 0, nil); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("send to an exited service: err = %v", err)
	}
}

func TestKillUnknownHandle(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	if err := n.Kill(runtime.Handle(0x0100ffff)); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("Kill of an unknown handle: err = %v, want ErrUnknownAddress", err)
	}
	r := newRecorder()
	h := launch(t, n, "recorder", "", r)
	if err := n.Kill(h); err != nil {
		t.Fatal(err)
	}
	if err := n.Kill(h); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("second Kill: err = %v, want ErrUnknownAddress", err)
	}
	waitDone(t, r.ctx)
	if got := r.released.Load(); got != 1 {
		t.Fatalf("Release ran %d times after two Kills, want 1", got)
	}
}

// After Kill the handle is gone at once: sends are dead letters, requests
// are answered with PTYPE_ERROR, and snapshots no longer list it.
func TestSendAfterKillIsDeadLetter(t *testing.T) {
	t.Parallel()
	n, log := startNode(t)
	client, victim := newRecorder(), newRecorder()
	launch(t, n, "recorder", "", client)
	vh := launch(t, n, "recorder", "", victim)
	if err := n.Kill(vh); err != nil {
		t.Fatal(err)
	}
	for _, s := range n.Snapshot().Services {
		if s.Handle == vh {
			t.Fatal("snapshot lists a killed service")
		}
	}
	if err := client.ctx.Send(vh, runtime.PTypeLua, 9, []byte("x")); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("err = %v, want ErrUnknownAddress", err)
	}
	client.expect(t, runtime.PTypeError, 9, vh)
	log.waitFor(t, fmt.Sprintf("Drop message from %s to %s (type=lua)(session=9)(size=1): unknown address", client.ctx.Handle(), vh))
	waitDone(t, victim.ctx)
	if got := len(victim.ch); got != 0 {
		t.Fatalf("killed service received %d messages", got)
	}
}

// A failing Init is reported, the service is released and its handle never
// becomes live; an unknown module is refused.
func TestLaunchFailures(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	before := n.ServiceCount()
	if _, err := n.Launch("no-such-module", ""); !errors.Is(err, runtime.ErrUnknownService) {
		t.Fatalf("unknown module: err = %v, want ErrUnknownService", err)
	}
	f := &failingInit{}
	n.RegisterModule("failing", func() runtime.Service { return f })
	_, err := n.Launch("failing", "x")
	if !errors.Is(err, errInitFailed) {
		t.Fatalf("failing Init: err = %v, want it to wrap the Init error", err)
	}
	if f.released != 1 {
		t.Fatalf("Release ran %d times after a failed Init, want 1", f.released)
	}
	if got := n.ServiceCount(); got != before {
		t.Fatalf("ServiceCount = %d after failed launches, want %d", got, before)
	}
}

var errInitFailed = errors.New("init failed on purpose")

// failingInit fails its Init. Release runs in the launching goroutine then,
// so a plain counter is enough.
type failingInit struct{ released int }

func (f *failingInit) Init(c *runtime.Context, args string) error            { return errInitFailed }
func (f *failingInit) Dispatch(c *runtime.Context, m *runtime.Message) error { return nil }
func (f *failingInit) Release(c *runtime.Context)                            { f.released++ }
