package luasvc_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
)

// syncBuffer collects log output written by the logger goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startLua boots a node whose start service is testdata/<start>.lua.
func startLua(t testing.TB, start string, threads int, extra map[string]string) (*boot.Node, *syncBuffer) {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{
		"start":      start,
		"harbor":     "0",
		"luaservice": "./?.lua",
		"lua_path":   "./?.lua",
	}
	for k, v := range extra {
		values[k] = v
	}
	log := &syncBuffer{}
	n, err := boot.Start(config.FromValues(dir, values), boot.Options{Log: log, Stdout: log, Threads: threads})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	return n, log
}

var donePattern = regexp.MustCompile(`DONE passed=(\d+) failed=(\d+)`)

// runLuaTest runs a Lua test service to completion and fails on any FAIL.
func runLuaTest(t *testing.T, start string, threads int) string {
	t.Helper()
	n, log := startLua(t, start, threads, nil)
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not finish; log:\n%s", start, log.String())
	}
	out := log.String()
	checkLuaResult(t, start, n, out)
	return out
}

// checkLuaResult fails on any FAIL line, a missing or failing DONE summary
// or a non-zero exit of a finished Lua test node.
func checkLuaResult(t *testing.T, start string, n *boot.Node, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "FAIL ") {
			t.Errorf("%s", line)
		}
	}
	m := donePattern.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%s never reported DONE; log:\n%s", start, out)
	}
	if m[1] == "0" || m[2] != "0" || n.ExitCode() != 0 {
		t.Fatalf("%s: passed=%s failed=%s exit=%d; log:\n%s", start, m[1], m[2], n.ExitCode(), out)
	}
}

func TestForgottenResponseWarning(t *testing.T) {
	out := runLuaTest(t, "api_misc", 2)
	if n := strings.Count(out, "Maybe forgot response"); n != 1 {
		t.Fatalf("want exactly one forgotten-response warning, got %d; log:\n%s", n, out)
	}
}

// A stuck service occupies one worker, so this runs with two.
func TestLauncherQueriesTimeOut(t *testing.T) {
	runLuaTest(t, "api_launcher_timeout", 2)
}

func TestLuaAPI(t *testing.T) {
	for _, name := range []string{"api_call", "api_time", "api_kill", "api_names", "api_datacenter", "api_debug", "api_misc", "api_socket", "api_path", "api_queue", "api_sharedata", "api_harbor", "api_aliases", "api_snax", "api_multicast", "api_crypt", "api_sharetable", "api_monitor", "api_service"} {
		for _, threads := range []int{1, 4} {
			t.Run(name+"/threads="+string(rune('0'+threads)), func(t *testing.T) {
				t.Parallel()
				runLuaTest(t, name, threads)
			})
		}
	}
}
