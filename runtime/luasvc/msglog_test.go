package luasvc_test

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	msgLine    = regexp.MustCompile(`^:[0-9a-f]{8} (\d+) (-?\d+) \d+ ([0-9a-f]*)$`)
	socketLine = regexp.MustCompile(`^\[socket\] (\d+) (\d+) (\d+) (.*)$`)
)

// readLog returns the lines of a message log once it has at least min
// lines (the file is written by the service's worker, so it is polled).
func readLog(t *testing.T, path string, min int) []string {
	t.Helper()
	deadline := time.Now().Add(dcTimeout)
	for {
		b, _ := os.ReadFile(path)
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(b) > 0 && len(lines) >= min {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has %d lines, want %d:\n%s", path, len(lines), min, b)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// logon, logoff and log write skynet's per-service message log: one line
// per message the service gets, lua requests with their packed bytes in
// hex, socket events in skynet's [socket] form.
func TestDebugConsoleMessageLog(t *testing.T) {
	dir := t.TempDir()
	addr, echo, _ := startConsoleWith(t, map[string]string{"logpath": dir})
	c := dialConsole(t, addr)
	file := filepath.Join(dir, strings.TrimPrefix(echo, ":")+".log")

	t.Run("logon, a call, logoff", func(t *testing.T) {
		if got := c.ok(t, "logon .dcecho"); strings.Join(got, "\n") != "log\t"+file {
			t.Fatalf("logon reply %q, want the file %s", got, file)
		}
		c.ok(t, `call .dcecho "ping","x"`)
		lines := readLog(t, file, 2)
		if !strings.HasPrefix(lines[0], "open time: ") {
			t.Fatalf("first line %q", lines[0])
		}
		m := msgLine.FindStringSubmatch(lines[1])
		if m == nil {
			t.Fatalf("message line %q is not ':source type session time hex'", lines[1])
		}
		if m[1] != "10" || m[2] == "0" {
			t.Fatalf("type %s session %s, want a lua (10) request", m[1], m[2])
		}
		if !strings.Contains(m[3], hex.EncodeToString([]byte("ping"))) {
			t.Fatalf("payload %s does not hold \"ping\"", m[3])
		}
		c.ok(t, "logoff .dcecho")
		lines = readLog(t, file, 3)
		if !strings.HasPrefix(lines[len(lines)-1], "close time: ") {
			t.Fatalf("last line after logoff %q", lines[len(lines)-1])
		}
		n := len(lines)
		c.ok(t, `call .dcecho "ping","y"`)
		c.ok(t, "ping .dcecho") // one more round trip through the service
		if lines := readLog(t, file, n); len(lines) != n {
			t.Fatalf("log grew after logoff: %q", lines[n:])
		}
	})

	t.Run("log starts a service with its log on", func(t *testing.T) {
		lines := c.ok(t, "log echo")
		if len(lines) != 1 || !strings.HasSuffix(lines[0], "\techo") {
			t.Fatalf("log echo: %q", lines)
		}
		h := strings.TrimSuffix(lines[0], "\techo")
		c.ok(t, `call `+h+` "ping","z"`)
		got := readLog(t, filepath.Join(dir, strings.TrimPrefix(h, ":")+".log"), 2)
		found := false
		for _, l := range got[1:] {
			if m := msgLine.FindStringSubmatch(l); m != nil && strings.Contains(m[3], hex.EncodeToString([]byte("z"))) {
				found = true
			}
		}
		if !found {
			t.Fatalf("no line for the call in %q", got)
		}
	})

	t.Run("socket events of the console itself", func(t *testing.T) {
		var dc string
		for _, l := range c.ok(t, "list") {
			if strings.Contains(l, "snlua debug_console") {
				dc, _, _ = strings.Cut(l, "\t")
			}
		}
		if dc == "" {
			t.Fatal("debug_console not listed")
		}
		c.ok(t, "logon "+dc)
		c.ok(t, "getenv dc_port")
		path := filepath.Join(dir, strings.TrimPrefix(dc, ":")+".log")
		want := hex.EncodeToString([]byte("getenv dc_port\n"))
		deadline := time.Now().Add(dcTimeout)
		for {
			for _, l := range readLog(t, path, 2) {
				if m := socketLine.FindStringSubmatch(l); m != nil && m[1] == "1" && strings.Contains(m[4], want) {
					return
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("no [socket] DATA line with %s in %s", want, path)
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}
