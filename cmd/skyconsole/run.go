package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	rtrace "runtime/trace"
	"strings"
	"syscall"

	"github.com/skyconsole/skyconsole/console/payload"
	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
	"github.com/skyconsole/skyconsole/tracer"
)

func runCmd(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	traceFile := fs.String("trace", "", "write trace events as JSON lines to `FILE` (- for stdout, text for readable lines on stdout)")
	threads := fs.Int("thread", 0, "worker threads (overrides config)")
	capture := fs.Bool("capture", false, "capture message payload bytes in the trace")
	cpuprofile := fs.String("cpuprofile", "", "write a Go CPU profile to `FILE`")
	gotrace := fs.String("gotrace", "", "write a Go execution trace to `FILE` (go tool trace)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "skyconsole run: expected one CONFIG or FILE.lua")
		return 2
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run:", err)
			return 1
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run:", err)
			return 1
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}
	if *gotrace != "" {
		f, err := os.Create(*gotrace)
		if err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run:", err)
			return 1
		}
		if err := rtrace.Start(f); err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run:", err)
			return 1
		}
		defer func() {
			rtrace.Stop()
			_ = f.Close()
		}()
	}
	cfg, err := loadConfig(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "skyconsole run:", err)
		return 1
	}
	return runNode(cfg, *traceFile, *threads, *capture)
}

func loadConfig(path string) (*config.Config, error) {
	if strings.HasSuffix(path, ".lua") {
		return config.FromStartFile(path)
	}
	return config.Load(path, os.LookupEnv)
}

// runNode runs until a service aborts the node or SIGINT/SIGTERM arrives.
func runNode(cfg *config.Config, traceFile string, threads int, capture bool) int {
	// The readable trace is for people: it always shows the bodies.
	capture = capture || traceFile == "text"
	tr := tracer.New(tracer.WithEnabled(traceFile != ""), tracer.WithCapture(capture))
	var traceOut io.Writer
	var closeTrace func() error
	text := traceFile == "text"
	switch traceFile {
	case "":
	case "-", "text":
		traceOut = os.Stdout
	default:
		f, err := os.Create(traceFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run:", err)
			return 1
		}
		bw := bufio.NewWriterSize(f, 64<<10)
		traceOut = bw
		closeTrace = func() error {
			if err := bw.Flush(); err != nil {
				return err
			}
			return f.Close()
		}
	}
	n, err := boot.Start(cfg, boot.Options{Tracer: tr, Threads: threads, Stdin: os.Stdin})
	if err != nil {
		fmt.Fprintln(os.Stderr, "skyconsole run:", err)
		return 1
	}
	pumpDone := make(chan error, 1)
	if traceOut != nil {
		var ex tracer.Exporter = tracer.NewJSONLWriter(traceOut, n, payload.Decoder(n))
		if text {
			ex = newTextTrace(traceOut, n)
		}
		go func() { pumpDone <- pumpTrace(tr, ex, n.Done()) }()
	} else {
		close(pumpDone)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-n.Done():
	case s := <-sig:
		fmt.Fprintf(os.Stderr, "skyconsole: %v, stopping\n", s)
		n.Close()
	}
	n.Close()
	if err := <-pumpDone; err != nil {
		fmt.Fprintln(os.Stderr, "skyconsole run: trace:", err)
	}
	if closeTrace != nil {
		if err := closeTrace(); err != nil {
			fmt.Fprintln(os.Stderr, "skyconsole run: trace:", err)
		}
	}
	return n.ExitCode()
}

// pumpTrace copies trace events to an exporter until done is closed, then
// drains what is left.
func pumpTrace(tr *tracer.Tracer, jw tracer.Exporter, done <-chan struct{}) error {
	cur := tr.Latest()
	var buf []tracer.Event
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-done
		cancel()
	}()
	for {
		var dropped uint64
		buf, cur, dropped = tr.Since(cur, buf[:0])
		if dropped > 0 {
			fmt.Fprintf(os.Stderr, "skyconsole: trace reader fell behind, %d events lost\n", dropped)
		}
		for i := range buf {
			if err := jw.WriteEvent(&buf[i]); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		if err := tr.Wait(ctx, cur); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if ctx.Err() != nil {
			// one last pass picks up what arrived before the stop
			buf, cur, _ = tr.Since(cur, buf[:0])
			for i := range buf {
				if err := jw.WriteEvent(&buf[i]); err != nil {
					return err
				}
			}
			return nil
		}
	}
}
