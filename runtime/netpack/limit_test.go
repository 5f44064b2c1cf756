package netpack_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

func TestPackTooLarge(t *testing.T) {
	dst := []byte{1, 2}
	got, err := netpack.AppendPack(dst, make([]byte, netpack.MaxFrame+1))
	if !errors.Is(err, netpack.ErrPayloadTooLarge) {
		t.Fatalf("err = %v, want ErrPayloadTooLarge", err)
	}
	if !bytes.Equal(got, []byte{1, 2}) {
		t.Fatalf("dst changed on error: %x", got)
	}
	if _, err := netpack.Pack(make([]byte, netpack.MaxFrame)); err != nil {
		t.Fatalf("65535 bytes must pack: %v", err)
	}
}

func TestMaxFrame(t *testing.T) {
	d := netpack.NewDecoder(netpack.WithMaxFrame(3))
	// A good frame, then a header declaring 4 bytes.
	ev, _, err := d.Feed([]byte{0, 1, 'a', 0, 4, 'b'})
	var fse *netpack.FrameSizeError
	if !errors.As(err, &fse) || fse.Len != 4 || fse.Max != 3 || !errors.Is(err, netpack.ErrFrameTooLarge) {
		t.Fatalf("err = %v, want FrameSizeError{4, 3}", err)
	}
	// The frame before the bad header is still reported.
	if fr, ok := d.Pop(); ev != netpack.EventMore || !ok || string(fr) != "a" {
		t.Fatalf("got %v %q, want more [a]", ev, fr)
	}
	// The stream is poisoned until Reset.
	if _, _, err := d.Feed([]byte{0, 1, 'c'}); !errors.Is(err, netpack.ErrFrameTooLarge) {
		t.Fatalf("after error: %v", err)
	}
	d.Reset()
	if ev, fr, err := d.Feed([]byte{0, 3, 'x', 'y', 'z'}); err != nil || ev != netpack.EventData || string(fr) != "xyz" {
		t.Fatalf("after Reset: %v %q %v", ev, fr, err)
	}
}

func TestMaxFrameSplitHeader(t *testing.T) {
	f := netpack.NewFilter(netpack.WithMaxFrame(255))
	if ev, _, err := f.Data(7, []byte{1}); err != nil || ev != netpack.EventNone {
		t.Fatalf("half header: %v %v", ev, err)
	}
	// The low byte completes a 256-byte declaration: refused before any
	// body is buffered.
	_, _, err := f.Data(7, []byte{0, 'a'})
	var fse *netpack.FrameSizeError
	if !errors.As(err, &fse) || fse.Len != 256 {
		t.Fatalf("err = %v", err)
	}
	// Another connection is unaffected; closing the bad one clears it.
	if ev, fr, err := f.Data(8, []byte{0, 1, 'k'}); err != nil || ev != netpack.EventData || string(fr) != "k" {
		t.Fatalf("other conn: %v %q %v", ev, fr, err)
	}
	if f.Pending() != 1 {
		t.Fatalf("Pending = %d, want the failed connection", f.Pending())
	}
	f.Close(7)
	if ev, _, err := f.Data(7, []byte{0, 1, 'a'}); err != nil || ev != netpack.EventData {
		t.Fatalf("after Close: %v %v", ev, err)
	}
}

func TestWithMaxFrameClamps(t *testing.T) {
	for _, n := range []int{0, -1, netpack.MaxFrame + 1} {
		d := netpack.NewDecoder(netpack.WithMaxFrame(n))
		frame, _ := netpack.Pack(make([]byte, netpack.MaxFrame))
		if ev, _, err := d.Feed(frame); err != nil || ev != netpack.EventData {
			t.Fatalf("WithMaxFrame(%d): %v %v", n, ev, err)
		}
	}
}

func TestCloseReportsDropped(t *testing.T) {
	f := netpack.NewFilter()
	f.Data(1, []byte{0, 9, 'a', 'b'})
	f.Data(2, []byte{0})
	if got := f.Buffered(1); got != 4 {
		t.Fatalf("Buffered(1) = %d, want 4", got)
	}
	if got := f.Close(1); got != 4 {
		t.Fatalf("Close(1) = %d, want 4", got)
	}
	if got := f.Close(2); got != 1 {
		t.Fatalf("Close(2) = %d, want 1", got)
	}
	if got := f.Close(3); got != 0 || f.Pending() != 0 {
		t.Fatalf("Close(3) = %d, Pending = %d", got, f.Pending())
	}
}

func TestZeroValues(t *testing.T) {
	var d netpack.Decoder
	if ev, fr, err := d.Feed([]byte{0, 1, 'z'}); err != nil || ev != netpack.EventData || string(fr) != "z" {
		t.Fatalf("zero Decoder: %v %q %v", ev, fr, err)
	}
	var f netpack.Filter
	if ev, _, err := f.Data(3, []byte{0, 2, 'z'}); err != nil || ev != netpack.EventNone || f.Pending() != 1 {
		t.Fatalf("zero Filter: %v %v", ev, err)
	}
}

// TestFramesDoNotOverlap guards the aliasing contract: a caller appending
// to one frame must not overwrite the next one in the shared buffer.
func TestFramesDoNotOverlap(t *testing.T) {
	d := netpack.NewDecoder()
	d.Feed([]byte{0, 1, 'a', 0, 1, 'b'})
	first, _ := d.Pop()
	second, _ := d.Pop()
	_ = append(first, 'X')
	if string(second) != "b" {
		t.Fatalf("append to a frame clobbered the next: %q", second)
	}
}

// TestSteadyStateAllocs is the allocation budget: once warm, decoding
// allocates nothing, whether frames arrive whole, batched or split.
func TestSteadyStateAllocs(t *testing.T) {
	frame, _ := netpack.Pack(bytes.Repeat([]byte{7}, 64))
	ten := bytes.Repeat(frame, 10)
	split := bytes.Repeat(frame, 3)[:100] // stream cut mid-frame every read
	cases := map[string][]byte{"one": frame, "ten": ten}
	for name, read := range cases {
		d := netpack.NewDecoder()
		drain := func() {
			d.Feed(read)
			for _, ok := d.Pop(); ok; _, ok = d.Pop() {
			}
		}
		drain()
		if n := testing.AllocsPerRun(100, drain); n != 0 {
			t.Errorf("%s per read: %v allocs", name, n)
		}
	}
	stream := bytes.Repeat(frame, 100)
	f := netpack.NewFilter()
	off := 0
	next := func() {
		if off+len(split) > len(stream) {
			off = 0
			f.Close(1)
		}
		f.Data(1, stream[off:off+len(split)])
		for _, ok := f.Pop(); ok; _, ok = f.Pop() {
		}
		off += len(split)
	}
	for range 10 {
		next()
	}
	if n := testing.AllocsPerRun(100, next); n != 0 {
		t.Errorf("split reads: %v allocs", n)
	}
}
