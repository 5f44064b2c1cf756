package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/skyconsole/skyconsole/console/client"
	"github.com/skyconsole/skyconsole/runtime/netpack"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// miniGate answers like skynet's example agent: handshake and get get a
// reply, set is stored, quit closes. With line set it requires a newline
// after each frame; with silent it never answers get.
func miniGate(t *testing.T, line, silent bool) string {
	t.Helper()
	p, err := client.ExampleProtocol()
	if err != nil {
		t.Fatal(err)
	}
	host, err := sproto.NewHost(p.C2S, "package")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				serveMini(t, c, host, line, silent)
			}()
		}
	}()
	return ln.Addr().String()
}

func serveMini(t *testing.T, c net.Conn, host *sproto.Host, line, silent bool) {
	r := bufio.NewReader(c)
	store := map[string]string{}
	for {
		var hdr [2]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		payload := make([]byte, int(hdr[0])<<8|int(hdr[1]))
		if _, err := io.ReadFull(r, payload); err != nil {
			return
		}
		if line {
			if b, err := r.ReadByte(); err != nil || b != '\n' {
				t.Errorf("line framing: frame followed by %q, %v", b, err)
				return
			}
		}
		d, err := host.Dispatch(payload)
		if err != nil {
			t.Errorf("gate: %v", err)
			return
		}
		var reply map[string]any
		switch d.Name {
		case "handshake":
			reply = map[string]any{"msg": "Welcome to skynet"}
		case "get":
			if silent {
				continue
			}
			reply = map[string]any{"result": store[d.Args["what"].(string)]}
		case "set":
			store[d.Args["what"].(string)] = d.Args["value"].(string)
			continue
		case "quit":
			return
		}
		resp, err := d.Responder(reply, nil)
		if err != nil {
			t.Errorf("gate: %v", err)
			return
		}
		frame, _ := netpack.Pack(resp)
		if _, err := c.Write(frame); err != nil {
			return
		}
	}
}

type clientRun struct {
	code        int
	out, errOut string
}

// runPiped runs the client with input on an os.Pipe (not a terminal).
// With keepOpen the pipe stays open until the client returns, so only
// the server can end the session.
func runPiped(t *testing.T, input string, keepOpen bool, args ...string) clientRun {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		_, _ = io.WriteString(w, input)
		if !keepOpen {
			_ = w.Close()
		}
	}()
	var out, errOut bytes.Buffer
	code := runClient(args, r, &out, &errOut)
	_ = w.Close()
	return clientRun{code, out.String(), errOut.String()}
}

func TestClientPiped(t *testing.T) {
	t.Run("commands from stdin", func(t *testing.T) {
		addr := miniGate(t, false, false)
		res := runPiped(t, "handshake\nset hello world\n# comment\nfrob\nget hello\n", false, addr)
		want := `RESPONSE session=1 handshake msg="Welcome to skynet"` + "\n" +
			`RESPONSE session=3 get result="world"` + "\n"
		if res.code != 0 || res.out != want {
			t.Fatalf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", res.code, res.out, want, res.errOut)
		}
		if want := "skyconsole: line 4: client: unknown protocol or command \"frob\" (type help)\n"; res.errOut != want {
			t.Fatalf("stderr %q, want %q", res.errOut, want)
		}
	})
	t.Run("server closes after quit", func(t *testing.T) {
		addr := miniGate(t, false, false)
		res := runPiped(t, "handshake\nquit\n", true, addr)
		if res.code != 0 || !strings.Contains(res.errOut, "connection closed by server") ||
			!strings.Contains(res.out, "RESPONSE session=1 handshake") {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.out, res.errOut)
		}
	})
	t.Run("exit stops reading", func(t *testing.T) {
		addr := miniGate(t, false, false)
		res := runPiped(t, "get a\nexit\nhandshake\n", true, addr)
		if res.code != 0 || res.out != "RESPONSE session=1 get result=\"\"\n" || res.errOut != "" {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.out, res.errOut)
		}
	})
	t.Run("line framing", func(t *testing.T) {
		addr := miniGate(t, true, false)
		res := runPiped(t, "raw 15020404\nget x\n", false, "--framing", "line", addr)
		if res.code != 0 || !strings.Contains(res.out, "RESPONSE session=1 handshake") ||
			!strings.Contains(res.out, "RESPONSE session=2 get") {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.out, res.errOut)
		}
	})
	t.Run("bounded wait for a missing response", func(t *testing.T) {
		addr := miniGate(t, false, true)
		res := runPiped(t, "get a\n", false, "--wait", "100ms", addr)
		if res.code != 0 || !strings.Contains(res.errOut, "1 response not received within 100ms") {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.out, res.errOut)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		res := runPiped(t, "handshake\n", false, addr)
		if res.code != 1 || !strings.Contains(res.errOut, "cannot connect") || !strings.Contains(res.errOut, "refused") {
			t.Fatalf("exit %d\nstderr:\n%s", res.code, res.errOut)
		}
	})
	t.Run("bad arguments", func(t *testing.T) {
		for _, args := range [][]string{
			{"--framing", "crlf"}, {"a:1", "b:2"}, {"--nope"}, {"--c2s", "/nonexistent/c2s.sproto"},
		} {
			if res := runPiped(t, "", false, args...); res.code != 2 || res.errOut == "" {
				t.Errorf("%v: exit %d, stderr %q", args, res.code, res.errOut)
			}
		}
	})
}

// TestClientCmdStdin runs the subcommand entry point itself, with the
// process's stdin, stdout and stderr replaced by pipes.
func TestClientCmdStdin(t *testing.T) {
	addr := miniGate(t, false, false)
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, stdout, stderr := os.Stdin, os.Stdout, os.Stderr
	os.Stdin, os.Stdout, os.Stderr = inR, outW, outW
	defer func() { os.Stdin, os.Stdout, os.Stderr = stdin, stdout, stderr }()
	captured := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(outR)
		captured <- string(b)
	}()
	_, _ = io.WriteString(inW, "handshake\nget nothing\n")
	_ = inW.Close()
	code := clientCmd([]string{addr})
	os.Stdin, os.Stdout, os.Stderr = stdin, stdout, stderr
	_ = outW.Close()
	_ = inR.Close()
	out := <-captured
	want := "RESPONSE session=1 handshake msg=\"Welcome to skynet\"\nRESPONSE session=2 get result=\"\"\n"
	if code != 0 || out != want {
		t.Fatalf("exit %d\noutput:\n%s\nwant:\n%s", code, out, want)
	}
}
