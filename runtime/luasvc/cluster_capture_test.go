package luasvc_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/runtime/cluster"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// capture is one case of testdata/vectors/cluster_capture.jsonl: frames
// real skynet's clusterd, clusteragent and clustersender exchanged with a
// raw TCP peer.
type capture struct {
	Case           string   `json:"case"`
	Direction      string   `json:"direction"`
	SentFrames     []string `json:"sent_frames"`
	ReceivedFrames []string `json:"received_frames"`
	EchoHandle     uint32   `json:"echo_handle"`
}

func loadCaptures(t *testing.T) []capture {
	t.Helper()
	b, err := os.ReadFile("../../testdata/vectors/cluster_capture.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out []capture
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var c capture
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFrame(t *testing.T, r *bufio.Reader, c net.Conn) []byte {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(dcTimeout))
	var head [2]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		t.Fatalf("read frame header: %v", err)
	}
	body := make([]byte, binary.BigEndian.Uint16(head[:]))
	if _, err := io.ReadFull(r, body); err != nil {
		t.Fatalf("read frame body: %v", err)
	}
	return append(head[:], body...)
}

// A raw peer replays what it sent to real skynet and must get back the
// frames skynet answered, byte for byte. The echo's handle differs here,
// so the frames that carry it are rewritten with ours.
func TestClusterCapturesPeerToNode(t *testing.T) {
	port := freePort(t)
	_, log := startLua(t, "cluster_capnode", 2, map[string]string{"cap_port": strconv.Itoa(port)})
	ready := waitLog(t, log, "CAP_READY")
	echo, err := strconv.ParseUint(strings.TrimSpace(strings.TrimPrefix(ready[strings.Index(ready, "CAP_READY"):], "CAP_READY")), 10, 32)
	if err != nil {
		t.Fatalf("echo handle in %q: %v", ready, err)
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	for _, c := range loadCaptures(t) {
		if c.Direction != "peer->node" {
			continue
		}
		t.Run(c.Case, func(t *testing.T) {
			for _, f := range c.SentFrames {
				frame := unhex(t, f)
				if c.EchoHandle != 0 {
					frame = withHandle(t, frame, c.EchoHandle, uint32(echo))
				}
				if _, err := conn.Write(frame); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range c.ReceivedFrames {
				want := unhex(t, f)
				if c.Case == "node_query_name" {
					want = queryReply(t, want, uint32(echo))
				}
				if got := readFrame(t, r, conn); !bytes.Equal(got, want) {
					t.Fatalf("node answered %x, skynet answered %x\nlog:\n%s", got, want, log.String())
				}
			}
		})
	}

	t.Run("a bad frame closes only its own connection", func(t *testing.T) {
		bad, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			t.Fatal(err)
		}
		defer bad.Close()
		if _, err := bad.Write([]byte{0, 3, 0x7f, 1, 2}); err != nil { // kind 0x7f: no such request
			t.Fatal(err)
		}
		_ = bad.SetReadDeadline(time.Now().Add(dcTimeout))
		if n, err := bad.Read(make([]byte, 16)); err != io.EOF {
			t.Fatalf("bad connection: read %d bytes, %v; want EOF", n, err)
		}
		waitLog(t, log, "sent a bad request")
		frames, _, err := cluster.PackRequest(cluster.NameAddr("@echo"), 7, []byte("\x14ok"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Write(frames[0]); err != nil {
			t.Fatal(err)
		}
		want, _ := cluster.PackResponse(7, true, []byte("\x14ok"))
		if got := readFrame(t, r, conn); !bytes.Equal(got, want[0]) {
			t.Fatalf("the good connection answered %x, want %x", got, want[0])
		}
	})
}

// withHandle rewrites a numeric-address request from the captured echo
// handle to ours.
func withHandle(t *testing.T, frame []byte, from, to uint32) []byte {
	t.Helper()
	req, err := cluster.UnpackRequest(frame[2:])
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := req.Addr.Handle(); !ok || h != from || req.Kind != cluster.ReqSingle {
		return frame
	}
	frames, _, err := cluster.PackRequest(cluster.HandleAddr(to), req.Session, req.Data)
	if err != nil {
		t.Fatal(err)
	}
	return frames[0]
}

// queryReply is the captured name-query reply with our echo's handle.
func queryReply(t *testing.T, captured []byte, handle uint32) []byte {
	t.Helper()
	resp, err := cluster.UnpackResponse(captured[2:])
	if err != nil {
		t.Fatal(err)
	}
	e := seri.NewEncoder(16)
	if err := e.WriteInt(int64(handle)); err != nil {
		t.Fatal(err)
	}
	frames, err := cluster.PackResponse(resp.Session, true, e.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return frames[0]
}

// The node calls a raw peer: what it sends must be what real skynet's
// clustersender sent, and the captured answers must give the captured
// results. The peer answers the query with our session (skynet's run had
// used two more sessions by then).
func TestClusterCapturesNodeToPeer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	errs := make(chan error, 1)
	var cases []capture
	for _, c := range loadCaptures(t) {
		if c.Direction == "node->peer" {
			cases = append(cases, c)
		}
	}
	go func() { errs <- playPeer(ln, cases) }()
	n, log := startLua(t, "cluster_capcaller", 2, map[string]string{"cap_port": strconv.Itoa(port)})
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("caller did not finish:\n%s", log.String())
	}
	if err := <-errs; err != nil {
		t.Fatalf("%v\nlog:\n%s", err, log.String())
	}
	checkLuaResult(t, "cluster_capcaller", n, log.String())
}

// playPeer accepts the node's connection and plays the captured peer.
func playPeer(ln net.Listener, cases []capture) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for _, k := range cases {
		for _, f := range k.ReceivedFrames {
			want, _ := hex.DecodeString(f)
			_ = c.SetReadDeadline(time.Now().Add(dcTimeout))
			var head [2]byte
			if _, err := io.ReadFull(r, head[:]); err != nil {
				return err
			}
			got := make([]byte, 2+int(binary.BigEndian.Uint16(head[:])))
			copy(got, head[:])
			if _, err := io.ReadFull(r, got[2:]); err != nil {
				return err
			}
			reply := k.SentFrames
			if k.Case == "sender_query" {
				// same request apart from the session
				g, err := cluster.UnpackRequest(got[2:])
				if err != nil {
					return err
				}
				w, _ := cluster.UnpackRequest(want[2:])
				if g.Addr != w.Addr || !bytes.Equal(g.Data, w.Data) {
					return fmt.Errorf("%s: node sent %x, skynet sent %x", k.Case, got, want)
				}
				rs, _ := hex.DecodeString(k.SentFrames[0])
				resp, _ := cluster.UnpackResponse(rs[2:])
				frames, _ := cluster.PackResponse(g.Session, true, resp.Data)
				reply = []string{hex.EncodeToString(frames[0])}
			} else if !bytes.Equal(got, want) {
				return fmt.Errorf("%s: node sent %x, skynet sent %x", k.Case, got, want)
			}
			for _, s := range reply {
				b, _ := hex.DecodeString(s)
				if _, err := c.Write(b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
