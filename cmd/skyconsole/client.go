package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/chzyer/readline"

	"github.com/skyconsole/skyconsole/console/client"
)

const defaultGate = "127.0.0.1:8888"

// clientCmd is `skyconsole client [flags] [HOST:PORT]`: a console for a
// skynet gate speaking sproto, like skynet's examples/client.lua.
func clientCmd(args []string) int {
	return runClient(args, os.Stdin, os.Stdout, os.Stderr)
}

// clientFlags are the parsed command line of the client subcommand.
type clientFlags struct {
	addr    string
	framing client.Framing
	wait    time.Duration
	history string
	proto   client.Protocol
}

func parseClientFlags(args []string, stderr io.Writer) (clientFlags, bool) {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	framing := fs.String("framing", "s2", "outgoing framing: `s2` sends a 2-byte big-endian length and the message;\n"+
		"line sends the same followed by a newline. Incoming data is read as\n2-byte length frames in both modes")
	wait := fs.Duration("wait", time.Second, "at end of input or exit, how long to wait for pending responses")
	history := fs.String("history", "", "keep the prompt's history in `FILE` (default: this session only)")
	c2sFile := fs.String("c2s", "", "client-to-server schema `FILE` (default: skynet's examples protocol)")
	s2cFile := fs.String("s2c", "", "server-to-client schema `FILE` (default: skynet's examples protocol)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: skyconsole client [flags] [HOST:PORT]   (default %s)\n"+
			"Connects to a skynet gate and sends sproto requests typed at a prompt\n"+
			"(or piped on stdin, one per line); type help for the commands.\n", defaultGate)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return clientFlags{}, false
	}
	f := clientFlags{addr: defaultGate, wait: *wait, history: *history}
	switch fs.NArg() {
	case 0:
	case 1:
		f.addr = fs.Arg(0)
	default:
		fmt.Fprintln(stderr, "skyconsole client: expected at most one HOST:PORT")
		return clientFlags{}, false
	}
	var err error
	if f.framing, err = client.ParseFraming(*framing); err != nil {
		fmt.Fprintln(stderr, "skyconsole:", err)
		return clientFlags{}, false
	}
	if f.proto, err = loadProtocol(*c2sFile, *s2cFile); err != nil {
		fmt.Fprintln(stderr, "skyconsole:", err)
		return clientFlags{}, false
	}
	return f, true
}

// loadProtocol reads the schema files, falling back to the examples'
// schema for any not given.
func loadProtocol(c2sFile, s2cFile string) (client.Protocol, error) {
	c2s, s2c := client.ExampleC2S, client.ExampleS2C
	for _, f := range []struct {
		path string
		text *string
	}{{c2sFile, &c2s}, {s2cFile, &s2c}} {
		if f.path == "" {
			continue
		}
		b, err := os.ReadFile(f.path)
		if err != nil {
			return client.Protocol{}, err
		}
		*f.text = string(b)
	}
	return client.ParseProtocol(c2s, s2c)
}

func runClient(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, ok := parseClientFlags(args, stderr)
	if !ok {
		return 2
	}
	opts := []client.Option{client.WithFraming(f.framing), client.WithProtocol(f.proto)}
	if tty, ok := stdin.(*os.File); ok && readline.IsTerminal(int(tty.Fd())) {
		return clientPrompt(f, opts, tty, stdout, stderr)
	}
	return clientScript(f, opts, stdin, stdout, stderr)
}

func dialClient(f clientFlags, opts []client.Option, stderr io.Writer) (*client.Conn, bool) {
	c, err := client.Dial(context.Background(), f.addr, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "skyconsole:", err)
		return nil, false
	}
	return c, true
}

// clientPrompt runs the readline prompt. Events are printed through
// readline's writers, which redraw the prompt and the line being edited
// around each one.
func clientPrompt(f clientFlags, opts []client.Option, tty *os.File, stdout, stderr io.Writer) int {
	// readline v1.5.1's Close waits for its terminal reader but does not
	// stop the stdin it wraps itself, so closing during a pending
	// Readline hangs (chzyer/readline#217). Owning the cancelable stdin
	// lets us stop it first.
	stdin := readline.NewCancelableStdin(tty)
	rl, err := readline.NewEx(&readline.Config{
		Stdin:           stdin,
		Prompt:          f.addr + "> ",
		HistoryFile:     f.history,
		AutoComplete:    clientCompleter(f.proto),
		Stdout:          stdout,
		Stderr:          stderr,
		InterruptPrompt: "^C",
		EOFPrompt:       "exit",
	})
	if err != nil {
		_ = stdin.Close()
		fmt.Fprintln(stderr, "skyconsole:", err)
		return 1
	}
	var closeOnce sync.Once
	closeRL := func() {
		closeOnce.Do(func() {
			_ = stdin.Close()
			_ = rl.Close()
		})
	}
	defer closeRL()

	c, ok := dialClient(f, append(opts, client.WithOutput(rl.Stdout())), stderr)
	if !ok {
		return 1
	}
	fmt.Fprintf(rl.Stderr(), "connected to %s (%s framing); type help for commands\n", f.addr, f.framing)
	// A server that closes the connection ends the prompt too.
	go func() {
		<-c.Done()
		closeRL()
	}()
	for {
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			if line == "" {
				break
			}
			continue
		}
		if err != nil {
			break
		}
		cmd, err := c.Exec(line)
		if err != nil {
			fmt.Fprintln(rl.Stderr(), "error:", err)
			continue
		}
		if cmd.Op == client.OpExit {
			break
		}
	}
	closeRL()
	return clientFinish(c, f.wait, stderr)
}

// clientScript reads commands line by line from a non-terminal stdin, with no
// prompt and no echo; errors name the line they come from.
func clientScript(f clientFlags, opts []client.Option, stdin io.Reader, stdout, stderr io.Writer) int {
	c, ok := dialClient(f, append(opts, client.WithOutput(stdout)), stderr)
	if !ok {
		return 1
	}
	stop := make(chan struct{})
	defer close(stop)
	lines := readCommandLines(stdin, stop)
	for n := 1; ; n++ {
		select {
		case <-c.Done():
			return clientFinish(c, f.wait, stderr)
		case in, ok := <-lines:
			if !ok {
				return clientFinish(c, f.wait, stderr)
			}
			if in.err != nil {
				fmt.Fprintln(stderr, "skyconsole: stdin:", in.err)
				return clientFinish(c, f.wait, stderr)
			}
			cmd, err := c.Exec(in.text)
			if err != nil {
				fmt.Fprintf(stderr, "skyconsole: line %d: %v\n", n, err)
				continue
			}
			if cmd.Op == client.OpExit {
				return clientFinish(c, f.wait, stderr)
			}
			// Like a person at the prompt, wait for the answer before the
			// next line, so a script's requests do not race each other
			// (a "quit" would otherwise close the connection before
			// earlier answers were written).
			if cmd.Op == client.OpRequest && c.Outstanding() > 0 {
				ctx, cancel := context.WithTimeout(context.Background(), f.wait)
				_ = c.Wait(ctx)
				cancel()
			}
		}
	}
}

// commandLine is one line of piped input, or the error that ended it.
type commandLine struct {
	text string
	err  error
}

// readCommandLines reads r on its own goroutine, so that a server closing the
// connection ends the client even while stdin has nothing to say. The
// channel is closed at EOF. Once stop is closed nothing more is
// delivered; a read already blocked still waits for input or EOF, which
// for a process's stdin may be its exit.
func readCommandLines(r io.Reader, stop <-chan struct{}) <-chan commandLine {
	lines := make(chan commandLine)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(r)
		// raw with a 64 KiB frame is a 128 KiB line
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for sc.Scan() {
			select {
			case lines <- commandLine{text: sc.Text()}:
			case <-stop:
				return
			}
		}
		if err := sc.Err(); err != nil {
			select {
			case lines <- commandLine{err: err}:
			case <-stop:
			}
		}
	}()
	return lines
}

// clientFinish waits up to wait for pending responses, closes the connection
// and reports how it ended: 0 for a normal exit or a server that closed,
// 1 when reading failed.
func clientFinish(c *client.Conn, wait time.Duration, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	err := c.Wait(ctx)
	cancel()
	reason, cause := c.Closed()
	_ = c.Close()
	if err != nil && reason == client.NotClosed {
		n := c.Outstanding()
		fmt.Fprintf(stderr, "skyconsole: %d response%s not received within %v\n", n, pluralS(n), wait)
	}
	switch reason {
	case client.ServerClosed:
		if cause != nil {
			fmt.Fprintf(stderr, "skyconsole: connection closed by server (%v)\n", cause)
		} else {
			fmt.Fprintln(stderr, "skyconsole: connection closed by server")
		}
	case client.ReadFailed:
		fmt.Fprintln(stderr, "skyconsole: connection lost:", cause)
		return 1
	}
	return 0
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// clientCompleter offers the command words and protocol names at the start of
// a line.
func clientCompleter(p client.Protocol) readline.AutoCompleter {
	var items []readline.PrefixCompleterInterface
	for _, w := range client.Words(p.C2S) {
		items = append(items, readline.PcItem(w))
	}
	return readline.NewPrefixCompleter(items...)
}
