package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/tracer"
)

// buildBinary builds skyconsole into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "skyconsole")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type result struct {
	out  string
	code int
}

func run(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v\n%s", args, err, buf.String())
	}
	return result{buf.String(), code}
}

func TestRun(t *testing.T) {
	bin := buildBinary(t)
	td, _ := filepath.Abs("testdata")
	other := t.TempDir() // run from elsewhere: paths must not depend on the cwd

	t.Run("abort exits 0 and logs like skynet", func(t *testing.T) {
		r := run(t, bin, other, nil, "run", filepath.Join(td, "ok", "main.lua"))
		if r.code != 0 || !strings.Contains(r.out, "] echo says hello") || !strings.Contains(r.out, "[:01000008] LAUNCH snlua main") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
	})
	t.Run("a failing start service exits 1", func(t *testing.T) {
		r := run(t, bin, other, nil, "run", filepath.Join(td, "fails", "main.lua"))
		if r.code != 1 || !strings.Contains(r.out, "main refuses to start") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
	})
	t.Run("a missing service names every path tried", func(t *testing.T) {
		r := run(t, bin, other, []string{"SKY_TEST_START=no_such_service"}, "run", filepath.Join(td, "cfgdir", "config"))
		want := filepath.Join(td, "cfgdir", "services", "no_such_service.lua")
		if r.code != 1 || !strings.Contains(r.out, want) || !strings.Contains(r.out, "(embedded) service/no_such_service.lua") {
			t.Fatalf("exit %d, want the tried path %s\n%s", r.code, want, r.out)
		}
	})
	t.Run("config paths resolve against the config folder", func(t *testing.T) {
		r := run(t, bin, other, []string{"SKY_TEST_START=app"}, "run", filepath.Join(td, "cfgdir", "config"))
		if r.code != 0 || !strings.Contains(r.out, "echo says hello") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
	})
	t.Run("an unset $ENV in the config is a clear error", func(t *testing.T) {
		r := run(t, bin, other, nil, "run", filepath.Join(td, "cfgdir", "config"))
		if r.code != 1 || !strings.Contains(r.out, "SKY_TEST_START") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
	})
	t.Run("unknown subcommand and bad arguments", func(t *testing.T) {
		if r := run(t, bin, other, nil, "frobnicate"); r.code != 2 || !strings.Contains(r.out, "unknown command") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
		if r := run(t, bin, other, nil, "run"); r.code != 2 {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
		if r := run(t, bin, other, nil, "run", filepath.Join(td, "nope.lua")); r.code != 1 || !strings.Contains(r.out, "nope.lua") {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
	})
	t.Run("--trace writes the dispatches as JSON lines", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "trace.jsonl")
		r := run(t, bin, other, nil, "run", "--trace", file, filepath.Join(td, "ok", "main.lua"))
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.out)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := tracer.ReadJSONL(f)
		if err != nil {
			t.Fatal(err)
		}
		// main (:01000008) calls echo (:01000009) with its second session
		// (newservice used the first), and echo answers with the same one.
		var call, reply bool
		for _, rec := range recs {
			e := rec.Event
			if e.Type == tracer.TypeLua && e.Source == 0x01000008 && e.Dest == 0x01000009 && e.Session == 3 && rec.DstName == "echo" {
				call = true
			}
			if e.Type == tracer.TypeResponse && e.Source == 0x01000009 && e.Dest == 0x01000008 && e.Session == 3 && call {
				reply = true
			}
		}
		if !call || !reply {
			t.Fatalf("trace lacks the call/response pair (%d records)", len(recs))
		}
	})
	t.Run("SIGINT stops the node cleanly", func(t *testing.T) {
		cmd := exec.Command(bin, "run", filepath.Join(td, "forever", "main.lua"))
		cmd.Dir = other
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = cmd.Stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "RUNNING") {
				break
			}
		}
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		go func() {
			for sc.Scan() {
			}
		}()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("exit after SIGINT: %v", err)
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatal("did not stop after SIGINT")
		}
	})
}

// TestBenchScriptsRun runs each skynet-bench service unchanged (with short
// parameters) and checks it prints its BENCH_RESULT line.
func TestBenchScriptsRun(t *testing.T) {
	bin := buildBinary(t)
	bench, _ := filepath.Abs("../../scripts/bench/lua")
	for _, start := range []string{"bench_call 1 1", "bench_call 4 1", "bench_send 1", "bench_spawn 200 1 0"} {
		t.Run(start, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config")
			text := "thread = 2\nharbor = 0\nstart = \"" + start + "\"\nbootstrap = \"snlua bootstrap\"\nluaservice = \"" + bench + "/?.lua\"\n"
			if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, bin, dir, nil, cfg)
			if r.code != 0 || !strings.Contains(r.out, "BENCH_RESULT bench=") || !strings.Contains(r.out, "BENCH_DONE") {
				t.Fatalf("exit %d\n%s", r.code, r.out)
			}
		})
	}
}
