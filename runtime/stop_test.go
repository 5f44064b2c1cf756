package runtime_test

import (
	"errors"
	goruntime "runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// After Stop every goroutine the node started is gone, Stop is idempotent,
// services are released once, and the node refuses new work. (Spare
// runners left by blocking calls: TestStopReleasesSpareRunners.)
//
// Not parallel: it counts the process's goroutines.
func TestStopReleasesEverything(t *testing.T) {
	before := goruntime.NumGoroutine()
	log := newSyncBuffer()
	n := runtime.New(runtime.WithLog(log), runtime.WithThreads(4))
	startLabeled(t, n)
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	e := &echo{}
	eh := launch(t, n, "echo", "", e)
	for i := int32(1); i <= 20; i++ {
		if err := client.ctx.Send(eh, runtime.PTypeLua, i, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	for i := int32(1); i <= 20; i++ {
		client.expect(t, runtime.PTypeResponse, i, eh)
	}
	select {
	case <-n.Stopping():
		t.Fatal("Stopping closed before Stop")
	default:
	}
	stopNode(t, n)
	select {
	case <-n.Stopping():
	default:
		t.Fatal("Stopping not closed after Stop")
	}
	second := make(chan struct{})
	go func() { n.Stop(); close(second) }()
	recv(t, second, "a second Stop to return")

	for name, got := range map[string]int32{"client": client.released.Load(), "echo": e.released.Load()} {
		if got != 1 {
			t.Errorf("%s released %d times, want 1", name, got)
		}
	}
	if got := n.ServiceCount(); got != 0 {
		t.Errorf("ServiceCount after Stop = %d", got)
	}
	if _, err := n.Launch("echo", ""); !errors.Is(err, runtime.ErrNodeStopped) {
		t.Errorf("Launch after Stop: err = %v, want ErrNodeStopped", err)
	}
	if err := n.Send(0, eh, runtime.PTypeLua, 0, nil); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Errorf("Send after Stop: err = %v", err)
	}
	// With the logger gone, lines are written directly.
	n.Log(0, "after stop")
	if !strings.Contains(log.String(), "[:00000000] after stop\n") {
		t.Error("Log after Stop was not written directly")
	}
	if got := n.ExitCode(); got != 0 {
		t.Errorf("ExitCode after a plain Stop = %d", got)
	}

	// The timer and monitor goroutines exit asynchronously after Stop,
	// so poll (bounded) instead of sampling once.
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for goruntime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			var dump strings.Builder
			_ = pprof.Lookup("goroutine").WriteTo(&dump, 1)
			t.Fatalf("%d goroutines after Stop, %d before New:\n%s", goruntime.NumGoroutine(), before, dump.String())
		}
		<-tick.C
	}
}

// Stop wakes a handler blocked in Block with ErrKilled, lets it answer its
// caller, and releases its service once.
func TestStopUnwindsBlockedHandler(t *testing.T) {
	t.Parallel()
	log := newSyncBuffer()
	n := runtime.New(runtime.WithLog(log), runtime.WithThreads(2))
	startLabeled(t, n)
	callee := newRecorder()
	gh := launch(t, n, "recorder", "", callee)
	b := newBlocker(gh)
	bh := launch(t, n, "blocker", "", b)
	if err := n.Send(0, bh, runtime.PTypeLua, 0, []byte("work")); err != nil {
		t.Fatal(err)
	}
	s := recv(t, b.sent, "the blocker's call")
	callee.expect(t, runtime.PTypeLua, s, bh)
	stopNode(t, n)
	if res := recv(t, b.results, "the blocked handler to unwind"); !errors.Is(res.err, runtime.ErrKilled) {
		t.Fatalf("Block during Stop returned %+v, %v; want ErrKilled", res.msg, res.err)
	}
	if got := b.released.Load(); got != 1 || !b.releasedAfterBlock.Load() {
		t.Fatalf("Release ran %d times (after the handler unwound: %v), want once, after", got, b.releasedAfterBlock.Load())
	}
}

// Blocking calls make the node hand workers to spare runners; Stop ends
// every one of them, along with the workers and the timer and monitor
// goroutines (the node's goroutines are found by their pprof label).
func TestStopReleasesSpareRunners(t *testing.T) {
	t.Parallel()
	n := runtime.New(runtime.WithLog(newSyncBuffer()), runtime.WithThreads(2))
	label := startLabeled(t, n)
	eh := launch(t, n, "echo", "", &echo{})
	b := newBlocker(eh)
	b.sent = make(chan int32, 64)
	b.results = make(chan blockResult, 64)
	bh := launch(t, n, "blocker", "", b)
	client := newRecorder()
	launch(t, n, "recorder", "", client)
	const calls = 32 // many handlers blocked at once
	for i := int32(1); i <= calls; i++ {
		if err := client.ctx.Send(bh, runtime.PTypeLua, i, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	for range calls {
		if m := client.next(t); m.Type != runtime.PTypeResponse {
			t.Fatalf("got %s session %d", m.Type, m.Session)
		}
	}
	// A runner that hands its worker to a resumed handler parks a moment
	// later; wait for that, since Stop leaks a runner that parks after it
	// collected the spares (see the report).
	waitIdle(t, n)
	spares := 0
	for _, g := range nodeGoroutines(t, label) {
		if strings.Contains(g.stack, "runtime.(*runner).park") {
			spares++
		}
	}
	if spares == 0 {
		t.Fatal("no spare runner was created: the test exercises nothing")
	}

	stopNode(t, n)
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		left := nodeGoroutines(t, label)
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines of the node survive Stop, one %s at\n%s", len(left), left[0].state, left[0].stack)
		}
		<-tick.C
	}
}

// Abort from a handler stops the node and sets its exit code.
func TestAbortSetsExitCode(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	e := &echo{}
	eh := launch(t, n, "echo", "", e)
	if err := n.Send(0, eh, runtime.PTypeLua, 0, []byte("abort")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-n.Done():
	case <-time.After(waitTimeout):
		t.Fatal("node did not stop after Abort")
	}
	if got := n.ExitCode(); got != 3 {
		t.Fatalf("ExitCode = %d, want 3", got)
	}
	if got := e.released.Load(); got != 1 {
		t.Fatalf("aborting service released %d times", got)
	}
}
