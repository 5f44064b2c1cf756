package cluster_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

// payloadOf returns n distinct-looking bytes, so a chunk in the wrong
// place shows.
func payloadOf(n int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i*7 + i>>8)
	}
	return p
}

func TestRequestSizeBoundaries(t *testing.T) {
	name := strings.Repeat("n", cluster.MaxNameLen)
	for _, addr := range []cluster.Addr{cluster.HandleAddr(0x01000010), cluster.NameAddr(name)} {
		for _, tc := range []struct {
			size  int
			kinds []cluster.RequestKind
			parts []int // chunk sizes after the header
		}{
			{0, []cluster.RequestKind{cluster.ReqSingle}, nil},
			{0x7fff, []cluster.RequestKind{cluster.ReqSingle}, nil},
			{0x8000, []cluster.RequestKind{cluster.ReqHeader, cluster.ReqLast}, []int{0x8000}},
			{0x8001, []cluster.RequestKind{cluster.ReqHeader, cluster.ReqPart, cluster.ReqLast}, []int{0x8000, 1}},
			{0x10000, []cluster.RequestKind{cluster.ReqHeader, cluster.ReqPart, cluster.ReqLast}, []int{0x8000, 0x8000}},
		} {
			payload := payloadOf(tc.size)
			frames, next, err := cluster.PackRequest(addr, 7, payload)
			if err != nil || next != 8 {
				t.Fatalf("%v %#x: next %d, %v", addr, tc.size, next, err)
			}
			if len(frames) != len(tc.kinds) {
				t.Fatalf("%v %#x: %d frames, want %d", addr, tc.size, len(frames), len(tc.kinds))
			}
			var a cluster.RequestAssembler
			var got cluster.Call
			for i, fr := range frames {
				r, err := cluster.UnpackRequest(body(t, fr))
				if err != nil || r.Kind != tc.kinds[i] {
					t.Fatalf("%v %#x frame %d: %v %v, want %v", addr, tc.size, i, r.Kind, err, tc.kinds[i])
				}
				switch r.Kind {
				case cluster.ReqHeader:
					if r.Total != uint32(tc.size) || r.Session != 7 || r.Push || r.Addr != addr {
						t.Fatalf("header %+v", r)
					}
				case cluster.ReqPart, cluster.ReqLast:
					if len(r.Data) != tc.parts[i-1] || r.Session != 7 {
						t.Fatalf("frame %d: %d bytes for session %d", i, len(r.Data), r.Session)
					}
				}
				if c, done, err := a.Add(r); err != nil {
					t.Fatal(err)
				} else if done {
					got = c
				}
			}
			if !bytes.Equal(got.Payload, payload) || got.Addr != addr || got.Session != 7 {
				t.Fatalf("%v %#x: reassembled %d bytes", addr, tc.size, len(got.Payload))
			}
		}
	}
}

func TestResponseSizeBoundaries(t *testing.T) {
	for _, tc := range []struct {
		size  int
		kinds []cluster.ResponseKind
	}{
		{0, []cluster.ResponseKind{cluster.RespOK}},
		{0x7fff, []cluster.ResponseKind{cluster.RespOK}},
		{0x8000, []cluster.ResponseKind{cluster.RespOK}},
		{0x8001, []cluster.ResponseKind{cluster.RespBegin, cluster.RespPart, cluster.RespEnd}},
		{0x10000, []cluster.ResponseKind{cluster.RespBegin, cluster.RespPart, cluster.RespEnd}},
		{0x10001, []cluster.ResponseKind{cluster.RespBegin, cluster.RespPart, cluster.RespPart, cluster.RespEnd}},
	} {
		payload := payloadOf(tc.size)
		frames, err := cluster.PackResponse(9, true, payload)
		if err != nil || len(frames) != len(tc.kinds) {
			t.Fatalf("%#x: %d frames, %v", tc.size, len(frames), err)
		}
		var a cluster.ResponseAssembler
		var got cluster.Reply
		for i, fr := range frames {
			r, err := cluster.UnpackResponse(body(t, fr))
			if err != nil || r.Kind != tc.kinds[i] || r.Session != 9 {
				t.Fatalf("%#x frame %d: %+v %v", tc.size, i, r.Kind, err)
			}
			if r.Kind == cluster.RespBegin && r.Total != uint32(tc.size) {
				t.Fatalf("begin total %d", r.Total)
			}
			if rep, done, err := a.Add(r); err != nil {
				t.Fatal(err)
			} else if done {
				got = rep
			}
		}
		if !got.OK || !bytes.Equal(got.Data, payload) {
			t.Fatalf("%#x: reassembled %d bytes", tc.size, len(got.Data))
		}
	}
}

func TestErrorResponseTruncated(t *testing.T) {
	text := bytes.Repeat([]byte("e"), 0x10000)
	frames, err := cluster.PackResponse(3, false, text)
	if err != nil || len(frames) != 1 {
		t.Fatalf("%d frames, %v", len(frames), err)
	}
	r, err := cluster.UnpackResponse(body(t, frames[0]))
	if err != nil || r.OK() || len(r.Data) != cluster.PartSize {
		t.Fatalf("error reply of %d bytes, ok=%v, %v", len(r.Data), r.OK(), err)
	}
}

func TestFramesDoNotOverlap(t *testing.T) {
	frames, _, err := cluster.PackRequest(cluster.HandleAddr(1), 1, payloadOf(0x8001))
	if err != nil {
		t.Fatal(err)
	}
	second := bytes.Clone(frames[1])
	_ = append(frames[0], 0xee, 0xee, 0xee)
	if !bytes.Equal(frames[1], second) {
		t.Fatal("appending to one frame overwrote the next")
	}
}

func TestNames(t *testing.T) {
	for _, n := range []int{1, cluster.MaxNameLen} {
		name := "@" + strings.Repeat("x", n-1)
		frames, _, err := cluster.PackRequest(cluster.NameAddr(name), 1, []byte{9})
		if err != nil {
			t.Fatalf("%d-byte name: %v", n, err)
		}
		r, err := cluster.UnpackRequest(body(t, frames[0]))
		if got, ok := r.Addr.Name(); err != nil || !ok || got != name {
			t.Fatalf("%d-byte name decodes to %q %v", n, got, err)
		}
	}
	for _, n := range []int{0, cluster.MaxNameLen + 1} {
		name := strings.Repeat("x", n)
		for _, pack := range []func(cluster.Addr, uint32, []byte) ([][]byte, uint32, error){cluster.PackRequest, cluster.PackPush} {
			_, _, err := pack(cluster.NameAddr(name), 1, payloadOf(0x9000))
			if !errors.Is(err, cluster.ErrName) || !strings.Contains(err.Error(), "name length is invalid, must be between 1 and 255 characters: "+name) {
				t.Fatalf("%d-byte name: %v", n, err)
			}
		}
	}
	// The zero Addr is handle 0, the name query, not an empty name.
	if h, ok := (cluster.Addr{}).Handle(); !ok || h != 0 {
		t.Fatal("zero Addr is not handle 0")
	}
	if s := cluster.HandleAddr(0x0100000a).String(); s != ":0100000a" {
		t.Fatalf("String = %q", s)
	}
}

func TestSessions(t *testing.T) {
	for _, tc := range []struct{ in, next uint32 }{{1, 2}, {cluster.MaxSession - 1, cluster.MaxSession}, {cluster.MaxSession, 1}} {
		_, next, err := cluster.PackRequest(cluster.HandleAddr(1), tc.in, nil)
		if err != nil || next != tc.next || cluster.NextSession(tc.in) != tc.next {
			t.Fatalf("session %d: next %d, %v; want %d", tc.in, next, err, tc.next)
		}
	}
	for _, tc := range []struct {
		s    uint32
		text string
	}{{0, "Invalid request session 0"}, {1 << 31, "Invalid request session -2147483648"}, {^uint32(0), "Invalid request session -1"}} {
		for _, pack := range []func(cluster.Addr, uint32, []byte) ([][]byte, uint32, error){cluster.PackRequest, cluster.PackPush} {
			_, _, err := pack(cluster.HandleAddr(1), tc.s, nil)
			if !errors.Is(err, cluster.ErrSession) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("session %#x: %v, want %q", tc.s, err, tc.text)
			}
		}
	}
}

func TestPushSessions(t *testing.T) {
	// A single push writes 0 and keeps the caller's session.
	frames, next, err := cluster.PackPush(cluster.NameAddr("@log"), 5, []byte("x"))
	if err != nil || next != 5 || len(frames) != 1 {
		t.Fatalf("single push: next %d, %d frames, %v", next, len(frames), err)
	}
	r, _ := cluster.UnpackRequest(body(t, frames[0]))
	if r.Session != 0 || !r.Push {
		t.Fatalf("single push decodes to %+v", r)
	}
	// A multi-part push carries the session, uses it up and says push in
	// its header kind, for both address forms.
	for _, tc := range []struct {
		addr cluster.Addr
		kind byte
	}{{cluster.HandleAddr(3), 0x41}, {cluster.NameAddr("@log"), 0xc1}} {
		frames, next, err := cluster.PackPush(tc.addr, cluster.MaxSession, payloadOf(0x8000))
		if err != nil || next != 1 || len(frames) != 2 {
			t.Fatalf("multi push: next %d, %d frames, %v", next, len(frames), err)
		}
		if frames[0][2] != tc.kind {
			t.Fatalf("header kind %#x, want %#x", frames[0][2], tc.kind)
		}
		var a cluster.RequestAssembler
		var got cluster.Call
		for _, fr := range frames {
			r, err := cluster.UnpackRequest(body(t, fr))
			if err != nil || r.Session != cluster.MaxSession {
				t.Fatalf("%+v %v", r, err)
			}
			got, _, _ = a.Add(r)
		}
		if !got.Push || got.Session != cluster.MaxSession || len(got.Payload) != 0x8000 {
			t.Fatalf("multi push reassembles to %+v", got.Addr)
		}
	}
}

func TestTrace(t *testing.T) {
	for _, n := range []int{0, 1, cluster.MaxTraceTag} {
		tag := strings.Repeat("(", n)
		fr, err := cluster.PackTrace(tag)
		if err != nil {
			t.Fatalf("%d-byte tag: %v", n, err)
		}
		r, err := cluster.UnpackRequest(body(t, fr))
		if err != nil || r.Kind != cluster.ReqTrace || string(r.Data) != tag || r.Padding() {
			t.Fatalf("%d-byte tag decodes to %v %v", n, r.Kind, err)
		}
	}
	if _, err := cluster.PackTrace(strings.Repeat("x", cluster.MaxTraceTag+1)); !errors.Is(err, cluster.ErrTraceTag) ||
		!strings.Contains(err.Error(), "trace tag is too long : 32769") {
		t.Fatalf("long tag: %v", err)
	}
}

func TestUnpackRequestMalformed(t *testing.T) {
	name5 := append([]byte{0x81, 5}, "@echo"...)
	for _, tc := range []struct {
		body string
		text string
	}{
		{"", "Invalid req package. size == 0"},
		{"\x09", "Invalid req package type 9"},
		{"\x90", "Invalid req package type -112"},
		{"\xff\x00\x00", "Invalid req package type -1"},
		{"\x00\x01\x00\x00\x00", "Invalid cluster message (size=5)"},
		{"\x00\x01\x00\x00\x00\x01\x00\x00", "Invalid cluster message (size=8)"},
		{"\x01" + strings.Repeat("\x00", 11), "Invalid cluster message size 12 (multi req must be 13)"},
		{"\x41" + strings.Repeat("\x00", 13), "Invalid cluster message size 14 (multi req must be 13)"},
		{"\x02\x01\x00\x00", "Invalid cluster multi part message"},
		{"\x03", "Invalid cluster multi part message"},
		{"\x80", "Invalid cluster message (size=1)"},
		{"\x80\x05@echo\x01\x00\x00", "Invalid cluster message (size=10)"},
		{"\x80\xff@", "Invalid cluster message (size=3)"},
		{string(name5) + "\x01\x00\x00\x00\x00\x80\x00", "Invalid cluster message (size=14)"},
		{"\xc1", "Invalid cluster message (size=1)"},
	} {
		r, err := cluster.UnpackRequest([]byte(tc.body))
		if !errors.Is(err, cluster.ErrMalformedRequest) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%x: %+v %v, want %q", tc.body, r, err, tc.text)
		}
	}
}

func TestUnpackRequestLenient(t *testing.T) {
	// What skynet accepts beyond what its packer makes: a named header
	// with trailing bytes, an empty name, a part with no data.
	head := append([]byte{0xc1, 4}, "@log"...)
	head = binary.LittleEndian.AppendUint32(head, 6)
	head = binary.LittleEndian.AppendUint32(head, 0x10000)
	r, err := cluster.UnpackRequest(append(head, "junk"...))
	if err != nil || r.Kind != cluster.ReqHeader || !r.Push || r.Session != 6 || r.Total != 0x10000 {
		t.Fatalf("named header with trailing bytes: %+v %v", r, err)
	}
	r, err = cluster.UnpackRequest([]byte{0x80, 0, 1, 0, 0, 0, 'p'})
	if name, ok := r.Addr.Name(); err != nil || !ok || name != "" || r.Session != 1 || string(r.Data) != "p" {
		t.Fatalf("empty name: %+v %v", r, err)
	}
	r, err = cluster.UnpackRequest([]byte{0x03, 2, 0, 0, 0})
	if err != nil || r.Kind != cluster.ReqLast || r.Session != 2 || len(r.Data) != 0 || r.Padding() {
		t.Fatalf("empty last part: %+v %v", r, err)
	}
}

func TestUnpackResponseNotResponse(t *testing.T) {
	for _, b := range []string{
		"", "\x01\x00\x00\x00",
		"\x01\x00\x00\x00\x05",
		"\x01\x00\x00\x00\xff data",
		"\x01\x00\x00\x00\x02\x00\x80\x00",
		"\x01\x00\x00\x00\x02\x00\x80\x00\x00\x00",
	} {
		if r, err := cluster.UnpackResponse([]byte(b)); !errors.Is(err, cluster.ErrNotResponse) {
			t.Errorf("%x: %+v %v, want ErrNotResponse", b, r, err)
		}
	}
	r, err := cluster.UnpackResponse([]byte("\x07\x00\x00\x00\x04end"))
	if err != nil || r.Kind != cluster.RespEnd || !r.OK() || r.Padding() || string(r.Data) != "end" || r.Session != 7 {
		t.Fatalf("end frame: %+v %v", r, err)
	}
}

func TestKindStrings(t *testing.T) {
	if cluster.ReqHeader.String() != "header" || cluster.RequestKind(9).String() != "kind_9" ||
		cluster.RespBegin.String() != "begin" || cluster.ResponseKind(9).String() != "type_9" {
		t.Fatal("kind names")
	}
}
