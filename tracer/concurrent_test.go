package tracer

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// stamped builds an event whose every field is derived from (id, k), so a
// reader can tell a torn copy (fields from two different Puts) from a good one.
func stamped(id uint32, k uint32, tags []string) Event {
	v := uint64(id)<<32 | uint64(k)
	e := Event{
		Wall: int64(v), Now: int64(v) * 3, Node: uint8(k), Type: uint8(k >> 1),
		Sock: SockKind(k % 8), Outcome: Outcome(k % 4), Session: int32(k) * 5,
		Source: id, Dest: k, Size: int32(k * 7), Fd: -int32(k), DurNs: int64(v) + 11,
		Tag: tags[k%uint32(len(tags))], PayloadLen: uint8(k % (PayloadCap + 1)),
	}
	for i := range int(e.PayloadLen) {
		e.Payload[i] = byte(k) + byte(i)
	}
	return e
}

func TestConcurrentWritersNeverTearAReader(t *testing.T) {
	t.Parallel()
	tr := New(WithRingSize(16), WithCapture(true), WithEnabled(true))
	perWriter := 20000
	if testing.Short() {
		perWriter = 2000
	}
	tags := make([]string, 17)
	for i := range tags {
		tags[i] = "tag-" + strconv.Itoa(i*i) // distinct lengths and contents
	}
	tags[0] = ""

	// Two workers with their own rings, two goroutines sharing Shared.
	ids := []uint32{1, 2, 100, 101}
	var wg sync.WaitGroup
	for _, id := range ids {
		w := tr.Shared()
		if id < 100 {
			w = tr.NewWriter()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range uint32(perWriter) {
				e := stamped(id, k, tags)
				w.Put(&e)
				if k%8 == 0 {
					runtime.Gosched() // let the reader in while rings wrap
				}
			}
		}()
	}
	ctx, stop := context.WithCancel(context.Background())
	go func() { wg.Wait(); stop() }()

	var (
		c        Cursor
		evs      []Event
		got      uint64
		lost     uint64
		lastSeq  uint64
		lastK    = map[uint32]int64{1: -1, 2: -1, 100: -1, 101: -1}
		checkAll = func(batch []Event) {
			for i := range batch {
				e := &batch[i]
				want := stamped(e.Source, e.Dest, tags)
				want.Seq = e.Seq
				if *e != want {
					t.Fatalf("torn event:\n got %+v\nwant %+v", *e, want)
				}
				if e.Seq <= lastSeq {
					t.Fatalf("seq %d after %d", e.Seq, lastSeq)
				}
				lastSeq = e.Seq
				if int64(e.Dest) <= lastK[e.Source] {
					t.Fatalf("writer %d: event %d after %d", e.Source, e.Dest, lastK[e.Source])
				}
				lastK[e.Source] = int64(e.Dest)
			}
			got += uint64(len(batch))
		}
	)
	for {
		err := tr.Wait(ctx, c)
		var d uint64
		evs, c, d = tr.Since(c, evs[:0])
		lost += d
		checkAll(evs)
		if err != nil {
			break
		}
	}
	// Writers are done: one more pull drains whatever is left.
	evs, c, d := tr.Since(c, evs[:0])
	lost += d
	checkAll(evs)
	if evs, _, _ := tr.Since(c, nil); len(evs) != 0 {
		t.Fatalf("%d events after the drain", len(evs))
	}
	total := uint64(len(ids) * perWriter)
	if got+lost != total {
		t.Fatalf("returned %d + dropped %d = %d, want %d", got, lost, got+lost, total)
	}
	if got == 0 {
		t.Fatal("reader saw nothing")
	}
	t.Logf("returned %d, dropped %d of %d", got, lost, total)
}

// Several readers with their own cursors may pull at once.
func TestConcurrentReaders(t *testing.T) {
	t.Parallel()
	tr := New(WithRingSize(1024))
	w := tr.NewWriter()
	const n = 5000
	var wg sync.WaitGroup
	results := make([]uint64, 3)
	ctx, stop := context.WithCancel(context.Background())
	for r := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c Cursor
			var evs []Event
			for {
				err := tr.Wait(ctx, c)
				var d uint64
				evs, c, d = tr.Since(c, evs[:0])
				results[r] += uint64(len(evs)) + d
				if err != nil {
					evs, _, d = tr.Since(c, evs[:0])
					results[r] += uint64(len(evs)) + d
					return
				}
			}
		}()
	}
	for k := range n {
		w.Put(&Event{Session: int32(k)})
	}
	stop()
	wg.Wait()
	for r, got := range results {
		if got != n {
			t.Errorf("reader %d accounted for %d of %d events", r, got, n)
		}
	}
}
