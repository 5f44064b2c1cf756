package luasvc_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
)

// TestEndlessLoopReportedAndInterrupted runs a handler that never returns:
// the monitor must report it, and Signal(0) must end it with an error to
// its caller while the service and the node live on.
func TestEndlessLoopReportedAndInterrupted(t *testing.T) {
	dir, _ := filepath.Abs("testdata")
	log := &syncBuffer{}
	cfg := config.FromValues(dir, map[string]string{
		"start": "api_endless", "harbor": "0", "luaservice": "./?.lua", "lua_path": "./?.lua",
	})
	n, err := boot.Start(cfg, boot.Options{Log: log, Stdout: log, Threads: 2, EndlessAfterNs: int64(100 * time.Millisecond)})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	line := waitLog(t, log, "SPINNER ")
	h, err := runtime.ParseHandle(strings.TrimPrefix(line, "SPINNER "), 0)
	if err != nil {
		t.Fatal(err)
	}
	// Under heavy load a slow start-up dispatch can be reported too (the
	// threshold is 100 ms here); what matters is the spinner's report.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(log.String(), "to [ "+h.String()+" ] maybe in an endless loop") {
		if time.Now().After(deadline) {
			t.Fatalf("no endless-loop report names the spinner %s; log:\n%s", h, log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	var endless bool
	for _, s := range n.Snapshot().Services {
		if s.Handle == h {
			endless = s.Endless
		}
	}
	if !endless {
		t.Fatalf("snapshot does not mark %s as endless", h)
	}
	if err := n.Signal(h, 0); err != nil {
		t.Fatal(err)
	}
	select {
	case <-n.Done():
	case <-time.After(30 * time.Second):
		t.Fatalf("node did not finish after the signal; log:\n%s", log.String())
	}
	out := log.String()
	if !strings.Contains(out, "recv a signal 0") || !strings.Contains(out, "DONE passed=2 failed=0") || n.ExitCode() != 0 {
		t.Fatalf("exit=%d; log:\n%s", n.ExitCode(), out)
	}
}
