package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// exampleConfig writes a config for the embedded example node with free
// gate and debug console ports and returns its path and the gate port.
func exampleConfig(t *testing.T) (string, int) {
	t.Helper()
	examples, _ := filepath.Abs("../../scripts/examples")
	gatePort := freePort(t)
	cfg := filepath.Join(t.TempDir(), "config")
	text := "harbor = 1\nstandalone = \"127.0.0.1:2013\"\nstart = \"main\"\n" +
		"luaservice = \"" + examples + "/?.lua\"\nlua_path = \"" + examples + "/?.lua\"\n" +
		"gate_port = " + strconv.Itoa(gatePort) + "\ndebug_port = " + strconv.Itoa(freePort(t)) + "\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, gatePort
}

// proc is a real skyconsole process started by a test: its output is read
// line by line and kept for failure messages.
type proc struct {
	t     *testing.T
	cmd   *exec.Cmd
	lines chan string
	log   strings.Builder
	stdin io.WriteCloser // set when started with a stdin pipe
}

// startProc runs bin with args; withStdin gives the test a pipe to its
// stdin. The process is interrupted and waited for when the test ends.
func startProc(t *testing.T, withStdin bool, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, cmd: exec.Command(bin, args...), lines: make(chan string, 1024)}
	if withStdin {
		w, err := p.cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		p.stdin = w
	}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.cmd.Stdout
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(os.Interrupt)
		_ = p.cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	return p
}

// waitAll reads output until every one of wants has appeared, in any order.
func (p *proc) waitAll(wants ...string) {
	p.t.Helper()
	for _, w := range wants {
		if strings.Contains(p.log.String(), w) {
			continue
		}
		p.waitFor(w)
	}
}

// waitFor reads output until a line contains want and returns that line.
func (p *proc) waitFor(want string) string {
	p.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("process exited before %q:\n%s", want, p.log.String())
			}
			p.log.WriteString(l + "\n")
			if strings.Contains(l, want) {
				return l
			}
		case <-deadline:
			p.t.Fatalf("no %q in the output:\n%s", want, p.log.String())
		}
	}
}
