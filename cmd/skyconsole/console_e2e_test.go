package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The example node's console service reads the terminal as skynet's does:
// each line typed launches a service (with arguments), a bad name is
// reported and the console keeps going, and the end of input is logged.
func TestConsoleLaunchesServicesFromStdin(t *testing.T) {
	bin := buildBinary(t)
	examples, _ := filepath.Abs("../../scripts/examples")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	text := "harbor = 1\nstandalone = \"127.0.0.1:2013\"\nstart = \"main\"\n" +
		"luaservice = \"" + examples + "/?.lua\"\nlua_path = \"" + examples + "/?.lua\"\n" +
		"gate_port = " + strconv.Itoa(freePort(t)) + "\ndebug_port = " + strconv.Itoa(freePort(t)) + "\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	node := exec.Command(bin, "run", cfg)
	stdin, err := node.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
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
	var log strings.Builder
	waitFor := func(what string) string {
		t.Helper()
		deadline := time.After(30 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("node exited waiting for %q:\n%s", what, log.String())
				}
				log.WriteString(l + "\n")
				if strings.Contains(l, what) {
					return l
				}
			case <-deadline:
				t.Fatalf("no %q in the log:\n%s", what, log.String())
			}
		}
	}
	waitFor("Watchdog listen on")

	if _, err := stdin.Write([]byte("hello_echo one two\r\n")); err != nil {
		t.Fatal(err)
	}
	waitFor("console: launched hello_echo one two as :")

	if _, err := stdin.Write([]byte("no_such_service\n\n")); err != nil {
		t.Fatal(err)
	}
	waitFor("console: cannot launch no_such_service")

	stdin.Close()
	waitFor("console: stdin closed")
}
