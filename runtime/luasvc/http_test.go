package luasvc_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Lua web server (http.httpd) answers a real Go HTTP client: query
// strings, a POST body, a chunked response, 404, and a body over the
// limit.
func TestHTTPServerWithGoClient(t *testing.T) {
	port := freePort(t)
	_, log := startLua(t, "http_server", 2, map[string]string{"http_port": strconv.Itoa(port)})
	waitLog(t, log, "HTTP_READY")
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 10 * time.Second}
	get := func(path string) (int, string, http.Header) {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v\nlog:\n%s", path, err, log.String())
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	if code, body, h := get("/hello?name=sky%20net"); code != 200 || body != "hello sky net" || h.Get("Content-Type") != "text/plain" {
		t.Fatalf("GET /hello: %d %q %v", code, body, h)
	}
	if code, body, _ := get("/chunked"); code != 200 || body != "one,two,three" {
		t.Fatalf("GET /chunked: %d %q", code, body)
	}
	if code, body, _ := get("/nowhere"); code != 404 || body != "no /nowhere" {
		t.Fatalf("GET /nowhere: %d %q", code, body)
	}
	resp, err := client.Post(base+"/echo", "text/x-test", strings.NewReader("posted body"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "posted body" || resp.Header.Get("X-Got-Type") != "text/x-test" {
		t.Fatalf("POST /echo: %d %q %v", resp.StatusCode, b, resp.Header)
	}
	// A body over the limit is refused before it is read; the request
	// goes out raw so no unread bytes make the close a reset.
	conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	reply, _ := io.ReadAll(conn)
	if !strings.HasPrefix(string(reply), "HTTP/1.1 413 ") {
		t.Fatalf("a body over the limit: %q, want 413", reply)
	}
	// And a request line that is not HTTP gets 400.
	bad, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	_, _ = io.WriteString(bad, "HELLO THERE\r\n\r\n")
	_ = bad.SetReadDeadline(time.Now().Add(10 * time.Second))
	reply, _ = io.ReadAll(bad)
	if !strings.HasPrefix(string(reply), "HTTP/1.1 400 ") {
		t.Fatalf("not HTTP: %q, want 400", reply)
	}
}

// The Lua client (http.httpc) talks to a Go server and to the Lua one.
func TestHTTPClientWithGoServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/json":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"x":%q}`, r.URL.Query().Get("x"))
		case "/form":
			_ = r.ParseForm()
			fmt.Fprintf(w, "a=%s;b=%s", r.PostForm.Get("a"), r.PostForm.Get("b"))
		case "/stream":
			f := w.(http.Flusher)
			for range 5 {
				io.WriteString(w, "chunk;")
				f.Flush()
			}
		}
	}))
	defer srv.Close()
	port := freePort(t)
	_, slog := startLua(t, "http_server", 2, map[string]string{"http_port": strconv.Itoa(port)})
	waitLog(t, slog, "HTTP_READY")
	n, log := startLua(t, "http_client", 2, map[string]string{
		"http_target": strings.TrimPrefix(srv.URL, "http://"),
		"lua_server":  "127.0.0.1:" + strconv.Itoa(port),
	})
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("client did not finish:\n%s", log.String())
	}
	checkLuaResult(t, "http_client", n, log.String())
}
