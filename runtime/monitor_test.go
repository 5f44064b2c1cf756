package runtime_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// A dispatch that runs past the endless-loop threshold is reported once in
// the log and marked in snapshots; other services are not marked.
//
// Not parallel: the spinning handler burns a CPU for the length of the test.
func TestMonitorReportsEndlessLoop(t *testing.T) {
	n, log := startNode(t, runtime.WithThreads(2), runtime.WithEndlessAfter(int64(50*time.Millisecond)))
	sp := &spinner{entered: make(chan struct{}, 1), stop: make(chan struct{})}
	sh := launch(t, n, "spinner", "", sp)
	calm := newRecorder()
	ch := launch(t, n, "recorder", "", calm)
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			close(sp.stop)
		}
	}
	t.Cleanup(stop)

	src := calm.ctx.Handle()
	if err := calm.ctx.Send(sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, sp.entered, "the spinner to start")
	line := fmt.Sprintf("A message from [ %s ] to [ %s ] maybe in an endless loop", src, sh)
	log.waitFor(t, line)

	endless := map[runtime.Handle]bool{}
	for _, s := range n.Snapshot().Services {
		endless[s.Handle] = s.Endless
	}
	if !endless[sh] {
		t.Error("snapshot does not mark the spinning service Endless")
	}
	if endless[ch] {
		t.Error("snapshot marks an idle service Endless")
	}
	if !n.Lookup(sh).Stats().Endless {
		t.Error("Stats of the spinning service do not say Endless")
	}
	stop()
}
