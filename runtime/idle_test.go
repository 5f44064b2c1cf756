package runtime_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// TestMain makes goroutine dumps show pprof labels: that is how the tests
// find a node's goroutines and what they are doing (see waitIdle).
func TestMain(m *testing.M) {
	godebug := os.Getenv("GODEBUG")
	if godebug != "" {
		godebug += ","
	}
	if err := os.Setenv("GODEBUG", godebug+"tracebacklabels=1"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

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

// goroutine is one goroutine of a dump: its scheduling state ("runnable",
// "chan receive", ...) and its stack.
type goroutine struct {
	state string
	stack string
}

// nodeGoroutines returns the goroutines carrying label.
func nodeGoroutines(t *testing.T, label string) []goroutine {
	t.Helper()
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, 2); err != nil {
		t.Fatal(err)
	}
	want := "labels:{" + strconv.Quote(labelKey) + ": " + strconv.Quote(label) + "}]"
	var out []goroutine
	for _, g := range strings.Split(b.String(), "\n\n") {
		header, stack, _ := strings.Cut(g, "\n")
		// goroutine 18 [chan receive, 2 minutes labels:{"k": "v"}]:
		if !strings.HasPrefix(header, "goroutine ") || !strings.Contains(header, want) {
			continue
		}
		state := header[strings.Index(header, "[")+1:]
		state, _, _ = strings.Cut(state, " labels:")
		state, _, _ = strings.Cut(state, ",")
		out = append(out, goroutine{state: state, stack: stack})
	}
	return out
}

// idle reports whether g waits for work: a worker looking for a service, a
// spare runner or a blocked handler that nobody has woken yet, the timer and
// monitor loops. A goroutine that has been woken but not run yet is not idle.
func idle(g goroutine) bool {
	in := func(f string) bool { return strings.Contains(g.stack, "skyconsole/runtime.("+f) }
	switch {
	case in("*runQueue).pop"), in("*Node).timerLoop"), in("*Node).monitorLoop"):
		return true
	case in("*runner).park"), in("*Context).Block"):
		return g.state == "chan receive"
	}
	return false
}

// waitIdle waits until every goroutine of n waits for work. There is no
// event for that, so it polls, bounded by waitTimeout.
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
		var busy *goroutine
		for _, g := range nodeGoroutines(t, label) {
			if !idle(g) {
				busy = &g
				break
			}
		}
		if busy == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("node never became idle; a goroutine is %s at\n%s", busy.state, busy.stack)
		}
		<-tick.C
	}
}
