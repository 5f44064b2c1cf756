package luasvc_test

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wsClient is a minimal RFC 6455 client: enough to check the server.
type wsClient struct {
	c net.Conn
	r *bufio.Reader
}

func dialWS(t *testing.T, addr string) *wsClient {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var k [16]byte
	_, _ = rand.Read(k[:])
	key := base64.StdEncoding.EncodeToString(k[:])
	fmt.Fprintf(c, "GET /chat HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", addr, key)
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if resp.StatusCode != 101 || resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		t.Fatalf("handshake answer %d %v", resp.StatusCode, resp.Header)
	}
	return &wsClient{c: c, r: r}
}

// send writes one masked frame (clients must mask).
func (w *wsClient) send(t *testing.T, fin bool, opcode byte, data []byte) {
	t.Helper()
	b0 := opcode
	if fin {
		b0 |= 0x80
	}
	head := []byte{b0}
	switch n := len(data); {
	case n < 126:
		head = append(head, 0x80|byte(n))
	case n < 65536:
		head = append(head, 0x80|126, byte(n>>8), byte(n))
	default:
		head = append(head, 0x80|127)
		head = binary.BigEndian.AppendUint64(head, uint64(n))
	}
	var key [4]byte
	_, _ = rand.Read(key[:])
	head = append(head, key[:]...)
	masked := make([]byte, len(data))
	for i := range data {
		masked[i] = data[i] ^ key[i%4]
	}
	if _, err := w.c.Write(append(head, masked...)); err != nil {
		t.Fatal(err)
	}
}

// recv reads one frame from the server (unmasked).
func (w *wsClient) recv(t *testing.T) (byte, string) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(w.r, h[:]); err != nil {
		t.Fatalf("read frame: %v", err)
	}
	if h[1]&0x80 != 0 {
		t.Fatal("server frame is masked")
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var e [2]byte
		_, _ = io.ReadFull(w.r, e[:])
		n = uint64(binary.BigEndian.Uint16(e[:]))
	case 127:
		var e [8]byte
		_, _ = io.ReadFull(w.r, e[:])
		n = binary.BigEndian.Uint64(e[:])
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(w.r, data); err != nil {
		t.Fatal(err)
	}
	return h[0] & 0x0f, string(data)
}

// The WebSocket server (http.websocket) against a hand-written client:
// handshake, text and binary echo, a 70 KB message, a fragmented one,
// ping/pong, and a server-initiated close answered by the client.
func TestWebSocketServer(t *testing.T) {
	port := freePort(t)
	_, log := startLua(t, "ws_server", 2, map[string]string{"ws_port": strconv.Itoa(port)})
	waitLog(t, log, "WS_READY")
	w := dialWS(t, "127.0.0.1:"+strconv.Itoa(port))

	w.send(t, true, 1, []byte("hello"))
	if op, msg := w.recv(t); op != 1 || msg != "text:hello" {
		t.Fatalf("text echo: %d %q", op, msg)
	}
	w.send(t, true, 2, []byte{0, 1, 2})
	if op, msg := w.recv(t); op != 2 || msg != "binary:\x00\x01\x02" {
		t.Fatalf("binary echo: %d %q", op, msg)
	}
	big := strings.Repeat("z", 70000)
	w.send(t, true, 1, []byte(big))
	if _, msg := w.recv(t); msg != "text:"+big {
		t.Fatalf("70 KB echo: %d bytes", len(msg))
	}
	w.send(t, false, 1, []byte("frag"))
	w.send(t, false, 0, []byte("men"))
	w.send(t, true, 0, []byte("ted"))
	if _, msg := w.recv(t); msg != "text:fragmented" {
		t.Fatalf("fragmented: %q", msg)
	}
	w.send(t, true, 9, []byte("are you there"))
	if op, msg := w.recv(t); op != 10 || msg != "are you there" {
		t.Fatalf("pong: %d %q", op, msg)
	}
	w.send(t, true, 1, []byte("bye"))
	op, msg := w.recv(t)
	if op != 8 || len(msg) < 2 || binary.BigEndian.Uint16([]byte(msg)) != 1000 {
		t.Fatalf("server close: %d %q", op, msg)
	}
	w.send(t, true, 8, []byte(msg[:2]))
	waitLog(t, log, "WS close")
	waitLog(t, log, "WS done true")
	waitLog(t, log, "WS ping")
}

// http.websocket's client side against the Lua server: masked frames out,
// text/binary/large echoes back, a server-initiated close seen by read.
func TestWebSocketClient(t *testing.T) {
	port := strconv.Itoa(freePort(t))
	_, slog := startLua(t, "ws_server", 2, map[string]string{"ws_port": port})
	waitLog(t, slog, "WS_READY")
	n, log := startLua(t, "ws_client", 2, map[string]string{"ws_port": port})
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("ws_client did not finish:\n%s\nserver:\n%s", log.String(), slog.String())
	}
	checkLuaResult(t, "ws_client", n, log.String())
	waitLog(t, slog, "WS ping")
	waitLog(t, slog, "WS close")
	waitLog(t, slog, " 1001 gone")
}
