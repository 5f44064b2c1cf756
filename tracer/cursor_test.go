package tracer

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func seqs(evs []Event) []uint64 {
	out := make([]uint64, len(evs))
	for i := range evs {
		out[i] = evs[i].Seq
	}
	return out
}

func TestSinceMergesRingsInSeqOrder(t *testing.T) {
	tr := New()
	a, b, s := tr.NewWriter(), tr.NewWriter(), tr.Shared()
	for i, w := range []*Writer{a, b, b, s, a, s, b, a} {
		w.Put(&Event{Session: int32(i)})
	}
	evs, _, _ := tr.Since(Cursor{}, nil)
	if got := seqs(evs); !slices.Equal(got, []uint64{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("seqs %v", got)
	}
	if got := sessions(evs); !slices.Equal(got, []int32{0, 1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("sessions %v", got)
	}
}

func TestCursorSemantics(t *testing.T) {
	tr := New()
	w := tr.NewWriter()
	w.Put(&Event{Session: 1})
	w.Put(&Event{Session: 2})

	var zero Cursor
	first, c1, _ := tr.Since(zero, nil)
	if !slices.Equal(sessions(first), []int32{1, 2}) {
		t.Fatalf("zero cursor: %v", sessions(first))
	}
	if evs, _, _ := tr.Since(c1, nil); len(evs) != 0 {
		t.Errorf("returned cursor re-delivers %v", sessions(evs))
	}
	// Cursors are values: the old one still reads from where it was.
	if again, _, _ := tr.Since(zero, nil); !slices.Equal(seqs(again), seqs(first)) {
		t.Errorf("re-read from the zero cursor: %v", seqs(again))
	}

	live := tr.Latest()
	w2 := tr.NewWriter() // a ring the cursors have never seen
	w.Put(&Event{Session: 3})
	w2.Put(&Event{Session: 4})
	evs, c2, _ := tr.Since(live, nil)
	if !slices.Equal(sessions(evs), []int32{3, 4}) {
		t.Errorf("from Latest: %v", sessions(evs))
	}
	if evs, _, _ := tr.Since(c1, nil); !slices.Equal(sessions(evs), []int32{3, 4}) {
		t.Errorf("from the first cursor: %v", sessions(evs))
	}
	// dst is appended to, not overwritten.
	prefix := []Event{{Session: -1}}
	w.Put(&Event{Session: 5})
	evs, _, _ = tr.Since(c2, prefix)
	if !slices.Equal(sessions(evs), []int32{-1, 5}) {
		t.Errorf("append to dst: %v", sessions(evs))
	}
}

// putHalf starts a Put by hand and stops where a preempted writer could:
// busy, sequence number taken, optionally stored in the slot.
func putHalf(w *Writer, storeSeq bool) uint64 {
	w.head.Store(w.pos<<1 | 1)
	seq := w.t.seq.Add(1)
	if storeSeq {
		w.slots[w.pos&w.mask].w[wSeq].Store(seq)
	}
	return seq
}

func finishHalf(w *Writer, seq uint64, session int32) {
	s := &w.slots[w.pos&w.mask]
	s.w[wSeq].Store(seq)
	s.w[wHead].Store(uint64(uint32(session)) << 32)
	for _, i := range []int{wWall, wNow, wAddr, wSizeFd, wDur, wLens} {
		s.w[i].Store(0)
	}
	s.tag.Store(nil)
	w.pos++
	w.head.Store(w.pos << 1)
}

func TestSinceHoldsBackBehindAnUnpublishedSeq(t *testing.T) {
	tr := New()
	a, b := tr.NewWriter(), tr.NewWriter()
	a.Put(&Event{Session: 1}) // seq 1
	x := putHalf(b, false)    // seq 2, not visible yet
	a.Put(&Event{Session: 3}) // seq 3

	// b's sequence number could be anything: nothing is safe to return.
	evs, c, dropped := tr.Since(Cursor{}, nil)
	if len(evs) != 0 || dropped != 0 {
		t.Fatalf("returned %v while seq 2 was unknown", seqs(evs))
	}
	// Once it is visible, everything below it is.
	b.slots[0].w[wSeq].Store(x)
	evs, c, _ = tr.Since(c, nil)
	if !slices.Equal(seqs(evs), []uint64{1}) {
		t.Fatalf("with seq 2 in flight: %v", seqs(evs))
	}
	// Nothing new is publishable, so Wait must sleep...
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tr.Wait(ctx, c); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with only held-back events: %v", err)
	}
	// ...until b publishes; then seq 2 and 3 come, in order.
	finishHalf(b, x, 2)
	if err := tr.Wait(ctx, c); err != nil {
		t.Fatalf("Wait after publish: %v", err)
	}
	evs, c, _ = tr.Since(c, nil)
	if !slices.Equal(seqs(evs), []uint64{2, 3}) {
		t.Fatalf("after publish: %v", seqs(evs))
	}
	if evs, _, _ := tr.Since(c, nil); len(evs) != 0 {
		t.Fatalf("re-delivered %v", seqs(evs))
	}
}

func TestSinceInFlightAfterPublishedEvents(t *testing.T) {
	tr := New()
	a, b := tr.NewWriter(), tr.NewWriter()
	b.Put(&Event{}) // seq 1
	a.Put(&Event{}) // seq 2
	putHalf(b, false)
	a.Put(&Event{}) // seq 4
	// b's last published seq is 1, so only 1 is certainly safe.
	evs, _, _ := tr.Since(Cursor{}, nil)
	if !slices.Equal(seqs(evs), []uint64{1}) {
		t.Fatalf("got %v", seqs(evs))
	}
}

func TestWait(t *testing.T) {
	tr := New()
	w := tr.NewWriter()
	ctx := context.Background()

	w.Put(&Event{})
	if err := tr.Wait(ctx, Cursor{}); err != nil {
		t.Fatalf("pending events: %v", err)
	}
	c := tr.Latest()
	done := make(chan error)
	go func() { done <- tr.Wait(ctx, c) }()
	w.Put(&Event{})
	if err := <-done; err != nil {
		t.Fatalf("woken by Put: %v", err)
	}

	// Several waiters are all woken by one Put.
	c = tr.Latest()
	for range 3 {
		go func() { done <- tr.Wait(ctx, c) }()
	}
	w.Put(&Event{})
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}

	cctx, cancel := context.WithCancel(ctx)
	go func() { done <- tr.Wait(cctx, tr.Latest()) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Wait returned %v", err)
	}
}
