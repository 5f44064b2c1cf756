package netpack

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"testing"
)

// refFrame is a frame as a straight sequential parse of the whole stream
// sees it: its body and the stream offset just past it.
type refFrame struct {
	data []byte
	end  int
}

// reference parses the whole stream at once. errAt is the offset just past
// the first header above limit (the byte whose arrival must fail), or -1.
func reference(data []byte, limit int) (frames []refFrame, errAt, errLen int) {
	for i := 0; i+HeaderSize <= len(data); {
		size := int(data[i])<<8 | int(data[i+1])
		if size > limit {
			return frames, i + HeaderSize, size
		}
		if i+HeaderSize+size > len(data) {
			break
		}
		frames = append(frames, refFrame{data[i+HeaderSize : i+HeaderSize+size], i + HeaderSize + size})
		i += HeaderSize + size
	}
	return frames, -1, 0
}

// wantEvent is skynet's classification of the read [from, to), given
// frames starting at the first one not yet delivered; it also returns how
// many frames the read completes.
func wantEvent(frames []refFrame, to int) (Event, int) {
	n, first := 0, -1
	for _, f := range frames {
		if f.end > to {
			break
		}
		if n == 0 {
			first = f.end
		}
		n++
	}
	switch {
	case n == 0:
		return EventNone, 0
	case n == 1 && first == to:
		return EventData, 1
	default:
		return EventMore, n
	}
}

// cuts splits data at random points chosen by rng.
func cuts(data []byte, rng *rand.Rand) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		n := 1 + rng.IntN(min(len(data), 1+rng.IntN(80)))
		out = append(out, data[:n])
		data = data[n:]
	}
	return out
}

// FuzzDecoder checks that frames and events do not depend on how the
// stream is cut into reads, on one Decoder and on two interleaved Filter
// connections, and that buffers stay proportional to the input.
func FuzzDecoder(f *testing.F) {
	for _, s := range vectorSeeds(f) {
		if len(s) > 1024 {
			// Large seeds make every mutation and minimisation slow; the
			// 64 KiB frames are covered by the table tests.
			continue
		}
		f.Add(s, uint64(len(s)), uint16(0))
		f.Add(s, uint64(len(s))*7919, uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, max16 uint16) {
		opt := WithMaxFrame(int(max16))
		limit := buildOptions([]Option{opt}).limit()
		ref, errAt, errLen := reference(data, limit)
		bound := max(minArena, 2*len(data))

		// Whole stream in one read.
		d := NewDecoder(opt)
		ev, frame, err := d.Feed(data)
		got := collect(ev, frame, d.Pop)
		checkFrames(t, "whole", got, ref)
		checkErr(t, "whole", err, errAt >= 0, errLen, limit)
		checkBounded(t, &d.conn, &d.out, bound, len(data))

		// The same stream, cut differently, on two interleaved connections.
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		fl := NewFilter(opt)
		reads := [2][][]byte{cuts(data, rng), cuts(data, rng)}
		var pos [2]int  // stream offset reached per connection
		var next [2]int // next read per connection
		var frames [2][][]byte
		var done [2]int // reference frames delivered per connection
		for next[0] < len(reads[0]) || next[1] < len(reads[1]) {
			c := rng.IntN(2)
			if next[c] == len(reads[c]) {
				c = 1 - c
			}
			p := reads[c][next[c]]
			next[c]++
			ev, frame, err := fl.Data(c, p)
			wantEv, n := wantEvent(ref[done[c]:], pos[c]+len(p))
			done[c] += n
			failed := errAt >= 0 && errAt <= pos[c]+len(p)
			if failed && errAt <= pos[c] {
				wantEv, n = EventNone, 0 // poisoned before this read
			}
			pos[c] += len(p)
			got := collect(ev, frame, func() ([]byte, bool) {
				fr, ok := fl.Pop()
				if ok && fr.Conn != c {
					t.Fatalf("frame of conn %d popped as conn %d", c, fr.Conn)
				}
				return fr.Data, ok
			})
			if ev != wantEv || len(got) != n {
				t.Fatalf("conn %d read ending at %d: got %v with %d frames, want %v with %d",
					c, pos[c], ev, len(got), wantEv, n)
			}
			checkErr(t, "split", err, failed, errLen, limit)
			for _, g := range got {
				frames[c] = append(frames[c], bytes.Clone(g))
			}
			c0 := fl.conns[c]
			checkBounded(t, &c0, &fl.out, bound, len(p))
		}
		checkFrames(t, "conn 0", frames[0], ref)
		checkFrames(t, "conn 1", frames[1], ref)
	})
}

func collect(ev Event, frame []byte, pop func() ([]byte, bool)) [][]byte {
	var out [][]byte
	if ev == EventData {
		out = append(out, frame)
	}
	for fr, ok := pop(); ok; fr, ok = pop() {
		out = append(out, fr)
	}
	return out
}

func checkFrames(t *testing.T, what string, got [][]byte, ref []refFrame) {
	t.Helper()
	if len(got) != len(ref) {
		t.Fatalf("%s: %d frames, want %d", what, len(got), len(ref))
	}
	for i := range got {
		if !bytes.Equal(got[i], ref[i].data) {
			t.Fatalf("%s: frame %d = %x, want %x", what, i, got[i], ref[i].data)
		}
	}
}

func checkErr(t *testing.T, what string, err error, want bool, n, limit int) {
	t.Helper()
	fse, ok := err.(*FrameSizeError)
	switch {
	case !want && err != nil:
		t.Fatalf("%s: unexpected error %v", what, err)
	case want && (!ok || fse.Len != n || fse.Max != limit):
		t.Fatalf("%s: err = %v, want FrameSizeError{%d, %d}", what, err, n, limit)
	}
}

// checkBounded is the memory budget: no buffer outgrows twice the input
// (or the fixed minimum), and the queue holds at most one frame per
// header's worth of the read plus the one a partial completes.
func checkBounded(t *testing.T, c *partial, b *batch, bound, readLen int) {
	t.Helper()
	for name, n := range map[string]int{
		"body": cap(c.body), "arena": cap(b.arena), "free": cap(b.free), "done": cap(b.done),
	} {
		if n > bound {
			t.Fatalf("%s capacity %d exceeds %d", name, n, bound)
		}
	}
	if len(b.queue) > readLen/HeaderSize+1 {
		t.Fatalf("queue of %d frames from a %d-byte read", len(b.queue), readLen)
	}
}

// vectorSeeds turns the shared vectors into fuzz seeds: each filter case's
// reads joined into one stream, and each packed frame.
func vectorSeeds(t testing.TB) [][]byte {
	fh, err := os.Open("../../testdata/vectors/netpack.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var seeds [][]byte
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var v struct {
			Hex   string `json:"hex"`
			Input struct {
				Chunks []json.RawMessage `json:"chunks"`
			} `json:"input"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		var stream []byte
		for _, c := range v.Input.Chunks {
			var s string
			if json.Unmarshal(c, &s) == nil {
				b, _ := hex.DecodeString(s)
				stream = append(stream, b...)
			}
		}
		if b, err := hex.DecodeString(v.Hex); err == nil && len(b) > 0 {
			stream = append(stream, b...)
		}
		if len(stream) > 0 {
			seeds = append(seeds, stream)
		}
	}
	return seeds
}
