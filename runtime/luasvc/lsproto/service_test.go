package lsproto_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
	"github.com/skyconsole/skyconsole/runtime/luasvc"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
)

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

// TestServices runs the module inside real Lua services, wired the way
// boot will wire it: one Store for the node, sproto.lua and friends from
// the embedded lualib, two services sharing protocols through
// sprotoloader.
func TestServices(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	store := &lsproto.Store{}
	n, err := boot.Start(config.FromValues(dir, map[string]string{
		"start":      "svc_main",
		"harbor":     "0",
		"luaservice": dir + "/?.lua",
		"lua_path":   dir + "/?.lua",
	}), boot.Options{
		Log:    log,
		Stdout: log,
		Extra:  func(h *luasvc.Host) { h.RegisterModule("sproto.core", lsproto.Open(store)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	select {
	case <-n.Done():
	case <-time.After(30 * time.Second):
		t.Fatalf("node did not finish; log:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "SPROTO OK") || n.ExitCode() != 0 {
		t.Fatalf("exit %d; log:\n%s", n.ExitCode(), log.String())
	}
	if _, err := store.Load(1); err != nil {
		t.Errorf("slot 1 after the run: %v", err)
	}
}
