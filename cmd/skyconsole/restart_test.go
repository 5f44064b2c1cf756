package main

import (
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
)

// TestGateRestartRebindsPort kills the gate and starts a new one on the
// same port five times in a row; each time a real TCP client must be
// accepted (the watchdog sees "open").
func TestGateRestartRebindsPort(t *testing.T) {
	dir, _ := filepath.Abs("testdata/restart")
	port := freePort(t)
	log := &lockedBuffer{}
	cfg := config.FromValues(dir, map[string]string{
		"start": "main", "harbor": "1", "luaservice": "./?.lua", "gate_port": strconv.Itoa(port),
	})
	n, err := boot.Start(cfg, boot.Options{Log: log, Stdout: log, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	defer func() {
		if t.Failed() {
			t.Logf("log:\n%s", log.String())
		}
	}()
	for round := 1; round <= 5; round++ {
		waitFor(t, fmt.Sprintf("gate round %d", round), 20*time.Second, func() bool {
			return strings.Contains(log.String(), fmt.Sprintf("GATE_UP %d ", round))
		})
		before := strings.Count(log.String(), "CLIENT ")
		conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, log.String())
		}
		waitFor(t, fmt.Sprintf("client accepted in round %d", round), 20*time.Second, func() bool {
			return strings.Count(log.String(), "CLIENT ") > before
		})
		conn.Close()
	}
	select {
	case <-n.Done():
	case <-time.After(20 * time.Second):
		t.Fatalf("node did not finish:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "RESTARTS_DONE") || n.ExitCode() != 0 {
		t.Fatalf("exit %d\n%s", n.ExitCode(), log.String())
	}
}
