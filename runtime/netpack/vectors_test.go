package netpack_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

const vectorFile = "../../testdata/vectors/netpack.jsonl"

type vector struct {
	Case      string            `json:"case"`
	Direction string            `json:"direction"`
	Input     json.RawMessage   `json:"input"`
	Hex       *string           `json:"hex"`
	Error     *string           `json:"error"`
	Events    []json.RawMessage `json:"events"`
}

// chunk is one entry of input.chunks: a read on a connection or a close.
type chunk struct {
	conn  int
	data  []byte
	close bool
}

// event is a normalised filter result, comparable across both sources.
type event struct {
	Type   string
	Conn   int // meaningful for data and close
	Frames []netpack.Frame
}

func (e event) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s(conn %d)", e.Type, e.Conn)
	for _, f := range e.Frames {
		fmt.Fprintf(&b, " [%d:%x]", f.Conn, f.Data)
	}
	return b.String()
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	f, err := os.Open(vectorFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", vectorFile, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no vectors")
	}
	return out
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// packInput decodes the typed string of a pack case (README: v, hex, rep,
// rephex).
func packInput(t testing.TB, raw json.RawMessage) []byte {
	t.Helper()
	var in struct {
		T      string  `json:"t"`
		V      *string `json:"v"`
		Hex    *string `json:"hex"`
		Rep    *string `json:"rep"`
		RepHex *string `json:"rephex"`
		N      int     `json:"n"`
		Len    *int    `json:"len"`
	}
	if err := json.Unmarshal(raw, &in); err != nil || in.T != "str" {
		t.Fatalf("unsupported pack input %s (%v)", raw, err)
	}
	var b []byte
	switch {
	case in.V != nil:
		b = []byte(*in.V)
	case in.Hex != nil:
		b = mustHex(t, *in.Hex)
	case in.Rep != nil:
		b = bytes.Repeat([]byte(*in.Rep), in.N)
	case in.RepHex != nil:
		b = bytes.Repeat(mustHex(t, *in.RepHex), in.N)
	default:
		t.Fatalf("unsupported pack input %s", raw)
	}
	if in.Len != nil && *in.Len != len(b) {
		t.Fatalf("input length %d, vector says %d", len(b), *in.Len)
	}
	return b
}

func filterChunks(t testing.TB, raw json.RawMessage) []chunk {
	t.Helper()
	var in struct {
		Chunks []json.RawMessage `json:"chunks"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	var out []chunk
	for _, c := range in.Chunks {
		var s string
		if json.Unmarshal(c, &s) == nil {
			out = append(out, chunk{data: mustHex(t, s)})
			continue
		}
		var o struct {
			Conn  int     `json:"conn"`
			Hex   *string `json:"hex"`
			Close bool    `json:"close"`
		}
		dec := json.NewDecoder(bytes.NewReader(c))
		dec.DisallowUnknownFields() // a new chunk kind must fail loudly
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("chunk %s: %v", c, err)
		}
		switch {
		case o.Close && o.Hex == nil:
			out = append(out, chunk{conn: o.Conn, close: true})
		case !o.Close && o.Hex != nil:
			out = append(out, chunk{conn: o.Conn, data: mustHex(t, *o.Hex)})
		default:
			t.Fatalf("chunk %s: want hex or close", c)
		}
	}
	return out
}

// wantEvent normalises a recorded event. Frames are hex strings (on the
// event's connection) or {"conn","hex"} objects; conn defaults to the
// chunk's connection when the vector leaves it out.
func wantEvent(t testing.TB, raw json.RawMessage, c chunk) event {
	t.Helper()
	var e struct {
		Type   string            `json:"type"`
		Conn   *int              `json:"conn"`
		Frames []json.RawMessage `json:"frames"`
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	out := event{Type: e.Type, Conn: c.conn}
	if e.Conn != nil {
		out.Conn = *e.Conn
	}
	if e.Type == "none" || e.Type == "more" {
		out.Conn = 0
	}
	for _, f := range e.Frames {
		var s string
		if json.Unmarshal(f, &s) == nil {
			out.Frames = append(out.Frames, netpack.Frame{Conn: c.conn, Data: mustHex(t, s)})
			continue
		}
		var o struct {
			Conn int    `json:"conn"`
			Hex  string `json:"hex"`
		}
		if err := json.Unmarshal(f, &o); err != nil {
			t.Fatal(err)
		}
		out.Frames = append(out.Frames, netpack.Frame{Conn: o.Conn, Data: mustHex(t, o.Hex)})
	}
	return out
}

// feed applies one chunk to a filter and normalises what it reported,
// cloning frames since they only live until the next read.
func feed(t testing.TB, f *netpack.Filter, c chunk) event {
	t.Helper()
	if c.close {
		f.Close(c.conn)
		return event{Type: "close", Conn: c.conn}
	}
	ev, frame, err := f.Data(c.conn, c.data)
	if err != nil {
		t.Fatalf("conn %d read %x: %v", c.conn, c.data, err)
	}
	out := event{Type: ev.String()}
	switch ev {
	case netpack.EventData:
		out.Conn = c.conn
		out.Frames = []netpack.Frame{{Conn: c.conn, Data: bytes.Clone(frame)}}
	case netpack.EventMore:
		for fr, ok := f.Pop(); ok; fr, ok = f.Pop() {
			out.Frames = append(out.Frames, netpack.Frame{Conn: fr.Conn, Data: bytes.Clone(fr.Data)})
		}
		if len(out.Frames) == 0 {
			t.Fatal("more without frames")
		}
	}
	if fr, ok := f.Pop(); ok {
		t.Fatalf("%s left %x queued", ev, fr.Data)
	}
	return out
}

func sameEvent(a, b event) bool {
	if a.Type != b.Type || a.Conn != b.Conn || len(a.Frames) != len(b.Frames) {
		return false
	}
	for i := range a.Frames {
		if a.Frames[i].Conn != b.Frames[i].Conn || !bytes.Equal(a.Frames[i].Data, b.Frames[i].Data) {
			return false
		}
	}
	return true
}

func TestVectors(t *testing.T) {
	var packs, filters, events int
	for _, v := range loadVectors(t) {
		t.Run(v.Case, func(t *testing.T) {
			switch v.Direction {
			case "pack":
				packs++
				checkPackVector(t, v)
			case "filter":
				filters++
				events += checkFilterVector(t, v)
			default:
				t.Fatalf("unknown direction %q", v.Direction)
			}
		})
	}
	t.Logf("%d pack vectors, %d filter vectors (%d events)", packs, filters, events)
}

func checkPackVector(t *testing.T, v vector) {
	payload := packInput(t, v.Input)
	got, err := netpack.Pack(payload)
	if v.Error != nil {
		if !errors.Is(err, netpack.ErrPayloadTooLarge) {
			t.Fatalf("Pack(%d bytes) = %v, want error like %q", len(payload), err, *v.Error)
		}
		if !strings.Contains(err.Error(), fmt.Sprint(len(payload))) {
			t.Errorf("error %q does not name the size", err)
		}
		return
	}
	if err != nil || v.Hex == nil {
		t.Fatalf("Pack: %v (hex present: %v)", err, v.Hex != nil)
	}
	if want := mustHex(t, *v.Hex); !bytes.Equal(got, want) {
		t.Fatalf("Pack = %x, want %x", got, want)
	}
	// AppendPack must frame after existing bytes without touching them.
	app, err := netpack.AppendPack([]byte{0xaa}, payload)
	if err != nil || app[0] != 0xaa || !bytes.Equal(app[1:], got) {
		t.Fatalf("AppendPack = %x, %v", app, err)
	}
}

func checkFilterVector(t *testing.T, v vector) int {
	chunks := filterChunks(t, v.Input)
	if len(chunks) != len(v.Events) {
		t.Fatalf("%d chunks, %d events", len(chunks), len(v.Events))
	}
	f := netpack.NewFilter()
	for i, c := range chunks {
		want := wantEvent(t, v.Events[i], c)
		if got := feed(t, f, c); !sameEvent(got, want) {
			t.Fatalf("read %d: got %v, want %v", i, got, want)
		}
	}
	return len(chunks)
}
