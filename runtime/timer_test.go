package runtime

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// stepFire advances w one tick at a time up to `to` and returns, for every
// session that came due, the tick it came due at.
func stepFire(w *timerWheel, to int64) map[int32]int64 {
	fired := map[int32]int64{}
	var due []timerEntry
	for w.now < to {
		due = w.advance(w.now+1, due[:0])
		for _, e := range due {
			fired[e.session] = w.now
		}
	}
	return fired
}

// Every entry fires at exactly the tick it asked for, whether it sits in the
// wheel or in the far list, and whatever the wheel's position when added.
func TestTimerWheelFiresAtItsTick(t *testing.T) {
	delays := []int64{1, 2, 5, 100, 254, 255, 256, 257, 300, 511, 512, 513, 1000, 1023, 1024, 5000}
	for _, start := range []int64{0, 1, 100, 255, 256, 300, 767} {
		w := &timerWheel{}
		w.advance(start, nil)
		for i, ti := range delays {
			w.add(w.now+ti, Handle(0x01000002), int32(i+1))
		}
		fired := stepFire(w, start+delays[len(delays)-1]+300)
		for i, ti := range delays {
			at, ok := fired[int32(i+1)]
			if !ok {
				t.Errorf("start %d: timer of %d ticks never fired", start, ti)
				continue
			}
			if at != start+ti {
				t.Errorf("start %d: timer of %d ticks fired at tick %d, want %d", start, ti, at, start+ti)
			}
		}
		if len(fired) != len(delays) {
			t.Errorf("start %d: %d timers fired, want %d", start, len(fired), len(delays))
		}
	}
}

// One advance over many ticks returns every due entry in expiry order, and
// entries due at the same tick in the order they were added (within the
// near wheel, and within the far list).
func TestTimerWheelAdvanceManyTicksInExpiryOrder(t *testing.T) {
	w := &timerWheel{}
	w.advance(42, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	type want struct {
		expire  int64
		session int32
	}
	var wants []want
	for i := range 2000 {
		ti := 1 + rng.Int64N(1500)
		w.add(w.now+ti, Handle(0x01000003), int32(i+1))
		wants = append(wants, want{w.now + ti, int32(i + 1)})
	}
	// Same-tick groups, one near and one far, added in a known order.
	for i := range 5 {
		w.add(w.now+77, Handle(0x01000004), int32(10000+i))
		wants = append(wants, want{w.now + 77, int32(10000 + i)})
	}
	for i := range 5 {
		w.add(w.now+900, Handle(0x01000004), int32(20000+i))
		wants = append(wants, want{w.now + 900, int32(20000 + i)})
	}
	// Stable sort: equal ticks keep insertion order.
	slices.SortStableFunc(wants, func(a, b want) int {
		switch {
		case a.expire < b.expire:
			return -1
		case a.expire > b.expire:
			return 1
		}
		return 0
	})

	half := w.now + 700
	first := w.advance(half, nil)
	rest := w.advance(w.now+1000, nil)
	got := append(first, rest...)
	if len(got) != len(wants) {
		t.Fatalf("%d entries fired, want %d", len(got), len(wants))
	}
	for i, e := range got {
		if e.expire != wants[i].expire {
			t.Fatalf("entry %d expires at %d, want %d (not in expiry order)", i, e.expire, wants[i].expire)
		}
		if (e.expire <= half) != (i < len(first)) {
			t.Fatalf("entry %d (expire %d) fired in the wrong advance (first advance went to %d)", i, e.expire, half)
		}
	}
	// Where the same tick holds only near entries or only far ones, they
	// must come out in the order they were added.
	for _, base := range []int32{10000, 20000} {
		var order []int32
		for _, e := range got {
			if e.session >= base && e.session < base+5 {
				order = append(order, e.session)
			}
		}
		for i, s := range order {
			if s != base+int32(i) {
				t.Fatalf("same-tick entries fired in order %v, want insertion order", order)
			}
		}
	}
}

func TestTimerWheelKeepsDestination(t *testing.T) {
	w := &timerWheel{}
	w.add(w.now+3, Handle(0x0100000a), 7)
	w.add(w.now+300, Handle(0x0100000b), 8)
	got := w.advance(400, nil)
	if len(got) != 2 {
		t.Fatalf("fired %d entries, want 2", len(got))
	}
	if got[0].dst != 0x0100000a || got[0].session != 7 || got[0].expire != 3 {
		t.Errorf("first entry = %+v", got[0])
	}
	if got[1].dst != 0x0100000b || got[1].session != 8 || got[1].expire != 300 {
		t.Errorf("second entry = %+v", got[1])
	}
	if more := w.advance(5000, nil); len(more) != 0 {
		t.Errorf("entries fired twice: %+v", more)
	}
}

// Advancing to the current tick or backwards does nothing.
func TestTimerWheelAdvanceNotForward(t *testing.T) {
	w := &timerWheel{}
	w.add(w.now+1, 1, 1)
	if got := w.advance(0, nil); len(got) != 0 {
		t.Fatalf("advance(0) fired %+v", got)
	}
	w.advance(10, nil)
	w.add(w.now+5, 1, 2)
	if got := w.advance(3, nil); len(got) != 0 || w.now != 10 {
		t.Fatalf("advance backwards fired %+v, now %d", got, w.now)
	}
	if got := w.advance(15, nil); len(got) != 1 || got[0].session != 2 {
		t.Fatalf("advance(15) = %+v, want session 2", got)
	}
}
