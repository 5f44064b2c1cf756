package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestExampleNodeWithClient is what a newcomer does by hand: run the
// example node, then `skyconsole client` with handshake, set, get, quit.
// Both are the real binary; the client talks to the gate over TCP.
func TestExampleNodeWithClient(t *testing.T) {
	bin := buildBinary(t)
	examples, _ := filepath.Abs("../../scripts/examples")
	dir := t.TempDir()
	gatePort := freePort(t)
	cfg := filepath.Join(dir, "config")
	text := "harbor = 1\nstandalone = \"127.0.0.1:2013\"\nstart = \"main\"\n" +
		"luaservice = \"" + examples + "/?.lua\"\nlua_path = \"" + examples + "/?.lua\"\n" +
		"gate_port = " + strconv.Itoa(gatePort) + "\ndebug_port = " + strconv.Itoa(freePort(t)) + "\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	node := exec.Command(bin, "run", cfg)
	stdout, _ := node.StdoutPipe()
	node.Stderr = node.Stdout
	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = node.Process.Signal(os.Interrupt)
		_ = node.Wait()
	}()
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var nodeLog strings.Builder
	deadline := time.After(30 * time.Second)
	for ready := false; !ready; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("node exited:\n%s", nodeLog.String())
			}
			nodeLog.WriteString(l + "\n")
			ready = strings.Contains(l, "Watchdog listen on")
		case <-deadline:
			t.Fatalf("node did not start:\n%s", nodeLog.String())
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client := exec.CommandContext(ctx, bin, "client", "127.0.0.1:"+strconv.Itoa(gatePort))
	client.Stdin = strings.NewReader("handshake\nset hello world\nget hello\nquit\n")
	out, err := client.CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	got := string(out)
	for _, want := range []string{
		`handshake msg="Welcome to skynet, I will send heartbeat every 5 sec."`,
		`get result="world"`,
		`REQUEST heartbeat`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("client output lacks %q:\n%s", want, got)
		}
	}
	// the node saw the requests (agent prints them) and the agent went away
	deadline = time.After(20 * time.Second)
	for !strings.Contains(nodeLog.String(), "KILL self") || !strings.Contains(nodeLog.String(), "set\thello\tworld") {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("node exited:\n%s", nodeLog.String())
			}
			nodeLog.WriteString(l + "\n")
		case <-deadline:
			t.Fatalf("node log lacks the agent's work and exit:\n%s", nodeLog.String())
		}
	}
}
