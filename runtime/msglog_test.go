package runtime_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
)

// A service's message log holds one skynet-style line per dispatched
// message, written before the handler runs, and is closed when the
// service is killed.
func TestMessageLogLinesAndClose(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	n, _ := startNode(t, runtime.WithLogPath(dir))
	r := newRecorder()
	h := launch(t, n, "recorder", "", r)
	path, err := n.LogOn(h)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, fmt.Sprintf("%08x.log", uint32(h))); path != want {
		t.Fatalf("log path %s, want %s", path, want)
	}
	if again, err := n.LogOn(h); err != nil || again != path {
		t.Fatalf("second LogOn: %s, %v", again, err)
	}
	if err := n.Send(0x01000042, h, runtime.PTypeLua, 7, []byte{0xab, 0x01}); err != nil {
		t.Fatal(err)
	}
	sock := runtime.AppendSocketHeader(nil, runtime.SockData, 9, 3)
	sock = append(sock, "hi!"...)
	if err := n.Send(0, h, runtime.PTypeSocket, 0, sock); err != nil {
		t.Fatal(err)
	}
	ev := runtime.AppendSocketHeader(nil, runtime.SockConnect, 9, 0)
	ev = append(ev, "start"...)
	if err := n.Send(0, h, runtime.PTypeSocket, 0, ev); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		r.next(t)
	}
	if err := n.Kill(h); err != nil {
		t.Fatal(err)
	}
	waitDone(t, r.ctx)

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("log has %d lines, want 5:\n%s", len(lines), b)
	}
	if !strings.HasPrefix(lines[0], "open time: ") || !strings.HasPrefix(lines[4], "close time: ") {
		t.Fatalf("open/close lines:\n%s", b)
	}
	f := strings.Fields(lines[1])
	if len(f) != 5 || f[0] != ":01000042" || f[1] != "10" || f[2] != "7" || f[4] != "ab01" {
		t.Fatalf("lua line %q, want ':01000042 10 7 <time> ab01'", lines[1])
	}
	if lines[2] != "[socket] 1 9 3 686921" {
		t.Fatalf("DATA line %q", lines[2])
	}
	if lines[3] != "[socket] 2 9 0 [start]" {
		t.Fatalf("CONNECT line %q", lines[3])
	}
	if _, err := n.LogOn(h); !errors.Is(err, runtime.ErrUnknownAddress) {
		t.Fatalf("LogOn of a killed service: %v", err)
	}
}
