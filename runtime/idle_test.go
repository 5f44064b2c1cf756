package runtime_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// A node's goroutines are told apart from the rest of the test process by a
// pprof label: Start runs under it and every goroutine inherits the labels
// of the goroutine that created it, so the workers, the timer and monitor
// loops and every spare runner carry it.
const labelKey = "skyconsole-node"

// nodeLabels maps a started *runtime.Node to its label.
var nodeLabels sync.Map

// startLabeled starts n under a label unique to it and returns the label.
func startLabeled(t *testing.T, n *runtime.Node) string {
	t.Helper()
	label := fmt.Sprintf("%s/%p", t.Name(), n)
	var err error
	pprof.Do(context.Background(), pprof.Labels(labelKey, label), func(context.Context) {
		err = n.Start()
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	nodeLabels.Store(n, label)
	t.Cleanup(func() { nodeLabels.Delete(n) })
	return label
}

// goroutineGroup is one group of identical stacks in a goroutine profile.
type goroutineGroup struct {
	count int
	stack string
}

// nodeGoroutines returns the goroutines carrying label.
func nodeGoroutines(t *testing.T, label string) []goroutineGroup {
	t.Helper()
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		t.Fatal(err)
	}
	profile := b.String()
	if _, rest, ok := strings.Cut(profile, "\n"); ok && strings.HasPrefix(profile, "goroutine profile:") {
		profile = rest
	}
	want := "# labels: {" + strconv.Quote(labelKey) + ":" + strconv.Quote(label) + "}"
	var out []goroutineGroup
	for _, group := range strings.Split(profile, "\n\n") {
		lines := strings.SplitN(group, "\n", 3)
		if len(lines) < 3 || strings.TrimSpace(lines[1]) != want {
			continue
		}
		var k int
		if _, err := fmt.Sscanf(lines[0], "%d @", &k); err != nil {
			t.Fatalf("cannot read goroutine profile group %q: %v", lines[0], err)
		}
		out = append(out, goroutineGroup{count: k, stack: lines[2]})
	}
	return out
}

// idleFrames are where a node's goroutines wait when the node has nothing
// to do: a worker looking for work, a spare runner, a handler blocked in
// Block, the timer and monitor loops.
var idleFrames = []string{
	"runtime.(*runQueue).pop",
	"runtime.(*runner).park",
	"runtime.(*Context).Block",
	"runtime.(*Node).timerLoop",
	"runtime.(*Node).monitorLoop",
}

func idle(g goroutineGroup) bool {
	for _, f := range idleFrames {
		if strings.Contains(g.stack, "skyconsole/"+f) {
			return true
		}
	}
	return false
}

// waitIdle waits until every goroutine of n waits in an idle frame. There is
// no event for that, so it polls, bounded by waitTimeout.
func waitIdle(t *testing.T, n *runtime.Node) {
	t.Helper()
	v, ok := nodeLabels.Load(n)
	if !ok {
		return
	}
	label := v.(string)
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		busy := ""
		for _, g := range nodeGoroutines(t, label) {
			if !idle(g) {
				busy = g.stack
				break
			}
		}
		if busy == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("node never became idle; a goroutine is at\n%s", busy)
		}
		<-tick.C
	}
}
