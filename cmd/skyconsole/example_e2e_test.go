package main

import (
	"context"
	"os/exec"
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
	cfg, gatePort := exampleConfig(t)
	node := startProc(t, false, bin, "run", cfg)
	node.waitFor("Watchdog listen on")

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
	node.waitAll("set\thello\tworld", "KILL self")
}
