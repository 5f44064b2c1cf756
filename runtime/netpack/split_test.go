package netpack_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

// framesOf replays chunks with the given reads per chunk and returns every
// frame in delivery order, connection ids included.
func framesOf(t *testing.T, chunks []chunk, split func([]byte) [][]byte) []netpack.Frame {
	t.Helper()
	f := netpack.NewFilter()
	var out []netpack.Frame
	for _, c := range chunks {
		if c.close {
			feed(t, f, c)
			continue
		}
		for _, part := range split(c.data) {
			out = append(out, feed(t, f, chunk{conn: c.conn, data: part}).Frames...)
		}
	}
	return out
}

func sameFrames(t *testing.T, got, want []netpack.Frame) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d frames, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Conn != want[i].Conn || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("frame %d: got conn %d %x, want conn %d %x",
				i, got[i].Conn, got[i].Data, want[i].Conn, want[i].Data)
		}
	}
}

func whole(p []byte) [][]byte { return [][]byte{p} }

func bytewise(p []byte) [][]byte {
	out := make([][]byte, len(p))
	for i := range p {
		out[i] = p[i : i+1]
	}
	return out
}

// TestVectorSplits checks that the frames of every filter vector do not
// depend on how reads are cut: byte by byte, or each read cut in two at
// every position.
func TestVectorSplits(t *testing.T) {
	for _, v := range append(loadVectors(t), syntheticVectors(t)...) {
		if v.Direction != "filter" {
			continue
		}
		t.Run(v.Case, func(t *testing.T) {
			chunks := filterChunks(t, v.Input)
			want := framesOf(t, chunks, whole)
			sameFrames(t, framesOf(t, chunks, bytewise), want)
			longest := 0
			for _, c := range chunks {
				longest = max(longest, len(c.data))
			}
			for cut := range cutPoints(longest) {
				got := framesOf(t, chunks, func(p []byte) [][]byte {
					if cut >= len(p) {
						return [][]byte{p}
					}
					return [][]byte{p[:cut], p[cut:]}
				})
				sameFrames(t, got, want)
			}
		})
	}
}

// cutPoints gives every cut of short reads, and for long ones the edges
// plus a stride, which keeps the 64 KiB cases from going quadratic.
func cutPoints(n int) map[int]bool {
	cuts := map[int]bool{}
	for c := 1; c < n; c++ {
		if n <= 1024 || c <= 4 || c >= n-4 || c%4093 == 0 {
			cuts[c] = true
		}
	}
	return cuts
}

func TestDecoderReads(t *testing.T) {
	type read struct {
		in     string // hex
		ev     netpack.Event
		frames []string // hex
	}
	tests := []struct {
		name  string
		reads []read
	}{
		{"one frame", []read{{"000161", netpack.EventData, []string{"61"}}}},
		{"header split after one byte", []read{
			{"00", netpack.EventNone, nil},
			{"0261", netpack.EventNone, nil},
			{"62", netpack.EventData, []string{"6162"}},
		}},
		{"body split three ways", []read{
			{"000461", netpack.EventNone, nil},
			{"6263", netpack.EventNone, nil},
			{"64", netpack.EventData, []string{"61626364"}},
		}},
		{"frames and a partial in one read", []read{
			{"0001610002626300036465", netpack.EventMore, []string{"61", "6263"}},
			{"66", netpack.EventData, []string{"646566"}},
		}},
		{"completion read carrying another frame", []read{
			{"000261", netpack.EventNone, nil},
			{"62000163", netpack.EventMore, []string{"6162", "63"}},
		}},
		{"completion read carrying a lone header byte", []read{
			{"000261", netpack.EventNone, nil},
			{"6200", netpack.EventMore, []string{"6162"}},
			{"00", netpack.EventData, []string{""}},
		}},
		{"frame then partial body", []read{
			{"0001610003", netpack.EventMore, []string{"61"}},
		}},
		{"zero-length frames", []read{
			{"0000", netpack.EventData, []string{""}},
			{"00000000", netpack.EventMore, []string{"", ""}},
			{"00", netpack.EventNone, nil},
			{"00", netpack.EventData, []string{""}},
		}},
		{"empty read changes nothing", []read{
			{"00", netpack.EventNone, nil},
			{"", netpack.EventNone, nil},
			{"0161", netpack.EventData, []string{"61"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := netpack.NewDecoder()
			for i, r := range tt.reads {
				ev, frame, err := d.Feed(mustHex(t, r.in))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				if ev == netpack.EventData {
					got = append(got, hexOf(frame))
				}
				for fr, ok := d.Pop(); ok; fr, ok = d.Pop() {
					got = append(got, hexOf(fr))
				}
				if ev != r.ev || !equalStrings(got, r.frames) {
					t.Fatalf("read %d (%s): got %v %q, want %v %q", i, r.in, ev, got, r.ev, r.frames)
				}
			}
		})
	}
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
