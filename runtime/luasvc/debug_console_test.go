package luasvc_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// dcTimeout bounds every read, write and HTTP exchange with the console.
const dcTimeout = 10 * time.Second

// freePort asks the kernel for a free loopback port and releases it.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// startConsole boots testdata/dc_main.lua: an echo service named .dcecho
// and a debug console on a fresh port. It returns the console's address
// and the echo service's handle (":xxxxxxxx").
func startConsole(t *testing.T) (addr, echo string, log *syncBuffer) {
	t.Helper()
	return startConsoleWith(t, nil)
}

// startConsoleWith is startConsole with more config keys.
func startConsoleWith(t *testing.T, extra map[string]string) (addr, echo string, log *syncBuffer) {
	t.Helper()
	port := freePort(t)
	values := map[string]string{"dc_port": strconv.Itoa(port)}
	for k, v := range extra {
		values[k] = v
	}
	_, log = startLua(t, "dc_main", 2, values)
	ready := waitLog(t, log, "DC_READY")
	echo = strings.TrimPrefix(ready, "DC_READY echo=")
	addr = fmt.Sprintf("127.0.0.1:%d", port)
	if !strings.Contains(log.String(), "Start debug console at "+addr) {
		t.Fatalf("no start line for %s in log:\n%s", addr, log.String())
	}
	return addr, echo, log
}

// dcConn is one console session over real TCP.
type dcConn struct {
	conn net.Conn
	r    *bufio.Reader
}

func dialConsole(t *testing.T, addr string) *dcConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, dcTimeout)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	c := &dcConn{conn: conn, r: bufio.NewReader(conn)}
	if got := c.readLine(t); got != "Welcome to skynet console" {
		t.Fatalf("greeting: got %q", got)
	}
	return c
}

func (c *dcConn) readLine(t *testing.T) string {
	t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(dcTimeout))
	s, err := c.r.ReadString('\n')
	if err != nil {
		t.Fatalf("read from console: %v (partial %q)", err, s)
	}
	return strings.TrimSuffix(s, "\n")
}

func (c *dcConn) send(t *testing.T, line string) {
	t.Helper()
	_ = c.conn.SetWriteDeadline(time.Now().Add(dcTimeout))
	if _, err := io.WriteString(c.conn, line+"\n"); err != nil {
		t.Fatalf("write %q: %v", line, err)
	}
}

// reply reads one reply block; ok tells <CMD OK> from <CMD Error>.
func (c *dcConn) reply(t *testing.T) (lines []string, ok bool) {
	t.Helper()
	for {
		line := c.readLine(t)
		switch line {
		case "<CMD OK>":
			return lines, true
		case "<CMD Error>":
			return lines, false
		}
		lines = append(lines, line)
	}
}

func (c *dcConn) do(t *testing.T, line string) ([]string, bool) {
	t.Helper()
	c.send(t, line)
	return c.reply(t)
}

func (c *dcConn) ok(t *testing.T, line string) []string {
	t.Helper()
	lines, ok := c.do(t, line)
	if !ok {
		t.Fatalf("%q failed: %q", line, lines)
	}
	return lines
}

func (c *dcConn) fails(t *testing.T, line string) []string {
	t.Helper()
	lines, ok := c.do(t, line)
	if ok {
		t.Fatalf("%q succeeded, want <CMD Error>: %q", line, lines)
	}
	return lines
}

// lineWith returns the first line holding every part, or fails.
func lineWith(t *testing.T, lines []string, parts ...string) string {
	t.Helper()
next:
	for _, l := range lines {
		for _, p := range parts {
			if !strings.Contains(l, p) {
				continue next
			}
		}
		return l
	}
	t.Fatalf("no line with %q in %q", parts, lines)
	return ""
}

func TestDebugConsole(t *testing.T) {
	addr, echo, log := startConsole(t)
	bare := strings.TrimPrefix(echo, ":")
	c := dialConsole(t, addr)

	// Commands whose replies are fixed or easy to check line by line.
	cases := []struct {
		cmd    string
		ok     bool
		exact  []string // the whole reply, when not nil
		having []string // lines that must appear
	}{
		{cmd: `call .dcecho "ping","x"`, ok: true, exact: []string{"1\tx", "n\t1"}},
		{cmd: `call ` + echo + ` "ping",1,"two"`, ok: true, exact: []string{"1\t1", "2\ttwo", "n\t2"}},
		{cmd: `call ` + bare + ` "ping"`, ok: true, exact: []string{"n\t0"}},
		{cmd: "getenv dc_missing", ok: true, exact: []string{"dc_missing\tnil"}},
		{cmd: "setenv dc_greeting hello world", ok: true, exact: []string{}},
		{cmd: "getenv dc_greeting", ok: true, exact: []string{"dc_greeting\thello world"}},
		{cmd: "setenv dc_greeting again", ok: false, having: []string{"Can't setenv exist key : dc_greeting"}},
		{cmd: "nosuchcmd", ok: false, exact: []string{"Invalid command, type help for command list"}},
		{cmd: `call .dcecho "raise"`, ok: false, having: []string{"call failed"}},
		{cmd: "ping nothex!", ok: false, exact: []string{"Invalid address nothex!"}},
		{cmd: "ping .nosuchname", ok: false, exact: []string{"no service is named .nosuchname"}},
		{cmd: "call .dcecho (", ok: false},
		{cmd: "start dc_no_such_service", ok: false},
		{cmd: "cmem", ok: true, having: []string{"total\t0", "block\t0"}},
		{cmd: "jmem", ok: true},
		{cmd: "profactive", ok: true},
		{cmd: "profactive on", ok: false},
		{cmd: "dumpheap", ok: false},
		{cmd: "debug " + echo, ok: false, having: []string{"not supported yet"}},
		{cmd: "logon .nosuchname", ok: false, exact: []string{"no service is named .nosuchname"}},
		{cmd: "snax pingserver hi", ok: true, having: []string{"\tpingserver"}},
		{cmd: "info .dcecho", ok: true, exact: []string{}},
		{cmd: "trace .dcecho on", ok: true, exact: []string{}},
		{cmd: "signal .dcecho", ok: true, exact: []string{}},
		{cmd: "clearcache", ok: true, exact: []string{}},
		{cmd: "service", ok: true},
		{cmd: "gc", ok: true, having: []string{"Kb (snlua echo)"}},
	}
	for _, tc := range cases {
		t.Run(tc.cmd, func(t *testing.T) {
			lines, ok := c.do(t, tc.cmd)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v; reply %q", ok, tc.ok, lines)
			}
			if tc.exact != nil && strings.Join(lines, "\n") != strings.Join(tc.exact, "\n") {
				t.Fatalf("reply %q, want %q", lines, tc.exact)
			}
			for _, h := range tc.having {
				lineWith(t, lines, h)
			}
		})
	}

	t.Run("help lists the 32 commands", func(t *testing.T) {
		lines := c.ok(t, "help")
		if len(lines) != 32 {
			t.Fatalf("help has %d lines, want 32: %q", len(lines), lines)
		}
		for _, name := range []string{"call", "list", "stat", "mem", "kill", "dbgcmd", "getenv", "setenv", "netstat", "inject"} {
			lineWith(t, lines, name+"\t")
		}
	})

	t.Run("list, stat, mem show every service", func(t *testing.T) {
		lineWith(t, c.ok(t, "list"), echo+"\tsnlua echo")
		lineWith(t, c.ok(t, "list"), "\tsnlua debug_console "+strings.TrimPrefix(addr, "127.0.0.1:"))
		lineWith(t, c.ok(t, "stat"), echo+"\t", "cpu:", "message:", "mqlen:0", "task:")
		lineWith(t, c.ok(t, "mem"), echo+"\t", " Kb (snlua echo)")
	})

	t.Run("a raising command keeps the connection", func(t *testing.T) {
		c.fails(t, `call .dcecho "raise"`)
		c.fails(t, "kill")
		c.fails(t, "inject .dcecho /no/such/file.lua")
		lines := c.ok(t, "ping .dcecho")
		if len(lines) != 1 {
			t.Fatalf("ping: %q", lines)
		}
		if _, err := strconv.Atoi(lines[0]); err != nil {
			t.Fatalf("ping elapsed %q: %v", lines[0], err)
		}
	})

	t.Run("dbgcmd with a bare-number reply", func(t *testing.T) {
		lines := c.ok(t, "dbgcmd .dcecho MEM")
		if len(lines) != 1 {
			t.Fatalf("MEM: %q", lines)
		}
		if _, err := strconv.ParseFloat(lines[0], 64); err != nil {
			t.Fatalf("MEM %q: %v", lines[0], err)
		}
		lineWith(t, c.ok(t, "dbgcmd .dcecho STAT"), "message\t")
		lineWith(t, c.ok(t, "dbgcmd .dcecho SUPPORT lua"), "true")
		c.fails(t, "dbgcmd .dcecho NOSUCH")
		c.ok(t, "dbgcmd .dcecho PING")
	})

	t.Run("start, then kill", func(t *testing.T) {
		lines := c.ok(t, "start echo")
		if len(lines) != 1 || !strings.HasSuffix(lines[0], "\techo") {
			t.Fatalf("start: %q", lines)
		}
		h := strings.TrimSuffix(lines[0], "\techo")
		lineWith(t, c.ok(t, "list"), h+"\tsnlua echo")
		lineWith(t, c.ok(t, "kill "+h), h+"\t")
		for _, l := range c.ok(t, "list") {
			if strings.HasPrefix(l, h+"\t") {
				t.Fatalf("%s still listed after kill: %q", h, l)
			}
		}
		c.fails(t, `call `+h+` "ping"`)
	})

	t.Run("exit asks the service to exit", func(t *testing.T) {
		lines := c.ok(t, "start echo")
		h := strings.TrimSuffix(lines[0], "\techo")
		c.ok(t, "exit "+h)
		// The EXIT and the call travel the same route, so the call arrives
		// after the service has gone.
		c.fails(t, `call `+h+` "ping"`)
	})

	t.Run("inject runs a file inside the service", func(t *testing.T) {
		file, err := filepath.Abs("testdata/dc_inject.lua")
		if err != nil {
			t.Fatal(err)
		}
		lines := c.ok(t, "inject .dcecho "+file+" a 42")
		want := []string{"injected\ta\t42", "protocols\ttable"}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Fatalf("inject: %q, want %q", lines, want)
		}
	})

	t.Run("task, uniqtask, netstat", func(t *testing.T) {
		c.ok(t, "task .dcecho")
		c.ok(t, "uniqtask .dcecho")
		lineWith(t, c.ok(t, "netstat"), "type:LISTEN", "sock:"+addr)
		lineWith(t, c.ok(t, "netstat"), "type:TCP", "sock:"+addr, "reading:true")
	})

	t.Run("carriage returns are ignored", func(t *testing.T) {
		lineWith(t, c.ok(t, "getenv dc_port\r"), "dc_port\t"+strings.TrimPrefix(addr, "127.0.0.1:"))
	})

	t.Run("log shows signal and trace", func(t *testing.T) {
		waitLog(t, log, "recv a signal 0")
		waitLog(t, log, "Turn trace log true for lua")
	})
}

// TestDebugConsoleConcurrent: a command parked in one connection does not
// hold up another.
func TestDebugConsoleConcurrent(t *testing.T) {
	addr, _, _ := startConsole(t)
	slow := dialConsole(t, addr)
	fast := dialConsole(t, addr)

	// echo parks "later" requests until someone sends "flush".
	slow.send(t, `call .dcecho "later"`)
	lineWith(t, fast.ok(t, "list"), "\tsnlua echo")
	deadline := time.Now().Add(dcTimeout)
	for {
		// flush answers how many parked requests it released; the slow
		// connection's request may not have reached echo yet.
		lines := fast.ok(t, `call .dcecho "flush"`)
		if len(lines) == 2 && lines[0] == "1\t1" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the parked call never reached echo: last flush %q", lines)
		}
	}
	lines, ok := slow.reply(t)
	want := []string{"1\tlater", "2\t1", "n\t2"}
	if !ok || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("slow reply %q (ok %v), want %q", lines, ok, want)
	}
	slow.ok(t, "ping .dcecho")
}

// TestDebugConsoleHTTP: GET /cmd and POST with the command in the body get
// one HTTP/1.1 reply each.
func TestDebugConsoleHTTP(t *testing.T) {
	addr, echo, _ := startConsole(t)
	client := &http.Client{Timeout: dcTimeout}
	readBody := func(t *testing.T, resp *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || resp.Proto != "HTTP/1.1" {
			t.Fatalf("status %q proto %q", resp.Status, resp.Proto)
		}
		return string(body)
	}

	t.Run("GET /list", func(t *testing.T) {
		resp, err := client.Get("http://" + addr + "/list")
		body := readBody(t, resp, err)
		if !strings.Contains(body, echo+"\tsnlua echo\n") || !strings.HasSuffix(body, "<CMD OK>\n") {
			t.Fatalf("body:\n%s", body)
		}
	})
	t.Run("GET with spaces as + and %20", func(t *testing.T) {
		resp, err := client.Get("http://" + addr + "/call+.dcecho%20%22ping%22,%22y%22")
		body := readBody(t, resp, err)
		if body != "1\ty\nn\t1\n<CMD OK>\n" {
			t.Fatalf("body %q", body)
		}
	})
	t.Run("GET of an unknown command", func(t *testing.T) {
		resp, err := client.Get("http://" + addr + "/nosuch")
		body := readBody(t, resp, err)
		if !strings.HasSuffix(body, "<CMD Error>\n") {
			t.Fatalf("body %q", body)
		}
	})
	t.Run("POST body", func(t *testing.T) {
		resp, err := client.Post("http://"+addr+"/", "text/plain", strings.NewReader("getenv dc_port\n"))
		body := readBody(t, resp, err)
		if !strings.HasPrefix(body, "dc_port\t"+strings.TrimPrefix(addr, "127.0.0.1:")+"\n<CMD OK>") {
			t.Fatalf("body %q", body)
		}
	})
	t.Run("console still serves", func(t *testing.T) {
		c := dialConsole(t, addr)
		c.ok(t, "ping .dcecho")
	})
}
