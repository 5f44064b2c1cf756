package cluster_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

const (
	vectorFile  = "../../testdata/vectors/cluster.jsonl"
	captureFile = "../../testdata/vectors/cluster_capture.jsonl"
)

// vector is one line of cluster.jsonl; see testdata/vectors/README.md.
type vector struct {
	Case        string          `json:"case"`
	Direction   string          `json:"direction"`
	Input       json.RawMessage `json:"input"`
	Hex         *string         `json:"hex"`
	Frames      []string        `json:"frames"`
	Error       *string         `json:"error"`
	NextSession *int64          `json:"next_session"`
	Multipart   *bool           `json:"multipart"`
	Decoded     json.RawMessage `json:"decoded"`
	Reassembles *bool           `json:"reassembles"`
	BodyHex     *string         `json:"body_hex"`
	Returns     *int            `json:"returns"`
}

// input is a packer call. payload_hex, payload_args and payload_lua are
// alternative descriptions of the payload, tried in that order.
type input struct {
	Op          string            `json:"op"`
	Addr        json.RawMessage   `json:"addr"`
	Session     int64             `json:"session"`
	OK          *bool             `json:"ok"`
	PayloadHex  *string           `json:"payload_hex"`
	PayloadArgs []json.RawMessage `json:"payload_args"`
	PayloadLua  *string           `json:"payload_lua"`
	PayloadKind string            `json:"payload_kind"`
	PayloadLen  *int              `json:"payload_len"`
	Tag         *string           `json:"tag"`
	TagLen      *int              `json:"tag_len"`
}

// capture is one line of cluster_capture.jsonl.
type capture struct {
	Case            string            `json:"case"`
	Direction       string            `json:"direction"`
	SentFrames      []string          `json:"sent_frames"`
	ReceivedFrames  []string          `json:"received_frames"`
	SentDecoded     []json.RawMessage `json:"sent_decoded"`
	ReceivedDecoded []json.RawMessage `json:"received_decoded"`
	CallResult      []json.RawMessage `json:"call_result"`
	EchoHandle      *uint32           `json:"echo_handle"`
}

func loadJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no vectors", path)
	}
	return out
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %.40q: %v", s, err)
	}
	return b
}

// body strips and checks a frame's netpack length prefix.
func body(t testing.TB, frame []byte) []byte {
	t.Helper()
	if len(frame) < 2 || int(frame[0])<<8|int(frame[1]) != len(frame)-2 {
		t.Fatalf("frame %.40x: length prefix does not match %d body bytes", frame, len(frame)-2)
	}
	return frame[2:]
}

func TestVectors(t *testing.T) {
	var n int
	for _, v := range loadJSONL[vector](t, vectorFile) {
		t.Run(v.Case, func(t *testing.T) {
			switch v.Direction {
			case "":
				var in input
				if err := json.Unmarshal(v.Input, &in); err != nil {
					t.Fatal(err)
				}
				switch in.Op {
				case "packrequest", "packpush":
					checkPackRequest(t, v, in)
				case "packtrace":
					checkPackTrace(t, v, in)
				case "packresponse":
					checkPackResponse(t, v, in)
				default:
					t.Fatalf("unknown op %q", in.Op)
				}
			case "unpackrequest":
				checkUnpackRequest(t, v)
			case "unpackresponse":
				checkUnpackResponse(t, v)
			default:
				t.Fatalf("unknown direction %q", v.Direction)
			}
			n++
		})
	}
	t.Logf("%d cluster vectors", n)
}

func wantError(t *testing.T, err error, want string, sentinel error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("error %v does not wrap %v", err, sentinel)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain skynet's %q", err, want)
	}
}

func vectorAddr(t *testing.T, raw json.RawMessage) cluster.Addr {
	t.Helper()
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return cluster.NameAddr(s)
	}
	var n int64
	if json.Unmarshal(raw, &n) == nil {
		return cluster.HandleAddr(uint32(n)) // skynet casts lua_Integer to uint32_t
	}
	t.Fatalf("address %s has no Go form (the typed API only takes handles and names)", raw)
	return cluster.Addr{}
}

// goSession is the session as skynet's packer sees it: a C int.
func goSession(s int64) uint32 { return uint32(int32(s)) }

func checkPackRequest(t *testing.T, v vector, in input) {
	addr := vectorAddr(t, in.Addr)
	payload := inputPayload(t, in)
	session := goSession(in.Session)
	pack := cluster.PackRequest
	if in.Op == "packpush" {
		pack = cluster.PackPush
	}
	frames, next, err := pack(addr, session, payload)
	if v.Error != nil {
		sentinel := cluster.ErrSession
		if in.Session > 0 && in.Session <= cluster.MaxSession {
			sentinel = cluster.ErrName
		}
		wantError(t, err, *v.Error, sentinel)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	checkFrames(t, v, frames)

	if v.NextSession != nil {
		want := uint32(*v.NextSession)
		if in.Op == "packpush" && len(frames) == 1 {
			// skynet's packpush returns session+1 regardless and its
			// sender ignores it for single pushes; PackPush returns the
			// session actually to use next.
			if want != cluster.NextSession(session) {
				t.Errorf("vector next_session %d is not session+1", want)
			}
			want = session
		}
		if next != want {
			t.Errorf("next session = %d, want %d", next, want)
		}
	}
	decoded := decodedList(t, v.Decoded, len(frames))
	var a cluster.RequestAssembler
	var calls []cluster.Call
	for i, fr := range frames {
		r, err := cluster.UnpackRequest(body(t, fr))
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if decoded != nil {
			compareView(t, "frame "+strconv.Itoa(i), requestView(r), decoded[i])
		}
		c, done, err := a.Add(r)
		if err != nil {
			t.Fatalf("assemble frame %d: %v", i, err)
		}
		if done {
			calls = append(calls, c)
		}
	}
	wantSession := session
	if in.Op == "packpush" && len(frames) == 1 {
		wantSession = 0
	}
	if len(calls) != 1 || !bytes.Equal(calls[0].Payload, payload) || calls[0].Addr != addr ||
		calls[0].Session != wantSession || calls[0].Push != (in.Op == "packpush") || a.Pending() != 0 {
		t.Fatalf("reassembled %d calls (pending %d), want the packed one", len(calls), a.Pending())
	}
}

func checkPackTrace(t *testing.T, v vector, in input) {
	var tag string
	switch {
	case in.Tag != nil:
		tag = *in.Tag
	case in.TagLen != nil:
		tag = strings.Repeat("t", *in.TagLen)
	default:
		t.Fatal("trace input without tag or tag_len")
	}
	if in.TagLen != nil && len(tag) != *in.TagLen {
		t.Fatalf("tag of %d bytes, vector says %d", len(tag), *in.TagLen)
	}
	frame, err := cluster.PackTrace(tag)
	if v.Error != nil {
		wantError(t, err, *v.Error, cluster.ErrTraceTag)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	checkFrames(t, v, [][]byte{frame})
	r, err := cluster.UnpackRequest(body(t, frame))
	if err != nil {
		t.Fatal(err)
	}
	if d := decodedList(t, v.Decoded, 1); d != nil {
		compareView(t, "trace", requestView(r), d[0])
	}
}

func checkPackResponse(t *testing.T, v vector, in input) {
	if in.OK == nil {
		t.Fatal("packresponse without ok")
	}
	payload := inputPayload(t, in)
	frames, err := cluster.PackResponse(goSession(in.Session), *in.OK, payload)
	if v.Error != nil {
		if err == nil || !strings.Contains(err.Error(), *v.Error) {
			t.Fatalf("error %v, want %q", err, *v.Error)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	checkFrames(t, v, frames)
	decoded := decodedList(t, v.Decoded, len(frames))
	var a cluster.ResponseAssembler
	var replies []cluster.Reply
	var parts []byte
	for i, fr := range frames {
		r, err := cluster.UnpackResponse(body(t, fr))
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if decoded != nil {
			compareView(t, "frame "+strconv.Itoa(i), responseView(r), decoded[i])
		}
		if r.Kind != cluster.RespBegin {
			parts = append(parts, r.Data...)
		}
		rep, done, err := a.Add(r)
		if err != nil {
			t.Fatalf("assemble frame %d: %v", i, err)
		}
		if done {
			replies = append(replies, rep)
		}
	}
	want := payload
	if !*in.OK {
		want = payload[:min(len(payload), cluster.PartSize)]
	}
	if v.Reassembles != nil && *v.Reassembles != bytes.Equal(parts, want) {
		t.Errorf("reassembles = %v, vector says %v", !*v.Reassembles, *v.Reassembles)
	}
	if len(replies) != 1 || replies[0].OK != *in.OK || !bytes.Equal(replies[0].Data, want) ||
		replies[0].Session != goSession(in.Session) || a.Pending() != 0 {
		t.Fatalf("reassembled %d replies (pending %d), want the packed one", len(replies), a.Pending())
	}
}

// checkFrames compares packed frames with the vector's frames, hex and
// multipart flag.
func checkFrames(t *testing.T, v vector, frames [][]byte) {
	t.Helper()
	if v.Frames != nil {
		if len(frames) != len(v.Frames) {
			t.Fatalf("%d frames, want %d", len(frames), len(v.Frames))
		}
		for i, want := range v.Frames {
			if w := mustHex(t, want); !bytes.Equal(frames[i], w) {
				t.Fatalf("frame %d differs at byte %d:\n got %.80x\nwant %.80x", i, diffAt(frames[i], w), frames[i], w)
			}
		}
	}
	if v.Hex != nil {
		if got, want := bytes.Join(frames, nil), mustHex(t, *v.Hex); !bytes.Equal(got, want) {
			t.Fatalf("stream differs at byte %d", diffAt(got, want))
		}
	}
	if v.Frames == nil && v.Hex == nil {
		t.Fatal("encode vector without frames or hex")
	}
	if v.Multipart != nil && *v.Multipart != (len(frames) > 1) {
		t.Errorf("multipart = %v with %d frames", *v.Multipart, len(frames))
	}
}

func diffAt(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// decodeInput is the body a decode case feeds: body_hex, or hex.
func decodeInput(t *testing.T, v vector) []byte {
	t.Helper()
	switch {
	case v.BodyHex != nil:
		return mustHex(t, *v.BodyHex)
	case v.Hex != nil:
		return mustHex(t, *v.Hex)
	}
	t.Fatal("decode case without body_hex or hex")
	return nil
}

func checkUnpackRequest(t *testing.T, v vector) {
	r, err := cluster.UnpackRequest(decodeInput(t, v))
	if v.Error != nil {
		wantError(t, err, *v.Error, cluster.ErrMalformedRequest)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if d := decodedList(t, v.Decoded, 1); d != nil {
		compareView(t, "body", requestView(r), d[0])
	}
}

func checkUnpackResponse(t *testing.T, v vector) {
	r, err := cluster.UnpackResponse(decodeInput(t, v))
	if v.Returns != nil && *v.Returns == 0 || v.Error != nil {
		if !errors.Is(err, cluster.ErrNotResponse) {
			t.Fatalf("got %+v, %v; want ErrNotResponse (skynet returns nothing)", r, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if d := decodedList(t, v.Decoded, 1); d != nil {
		compareView(t, "body", responseView(r), d[0])
	}
}
