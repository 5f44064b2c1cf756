package tracer

import (
	"context"
	"sync/atomic"
)

// wakeGen is one generation of waiters. Writers close its channel at most
// once (the CompareAndSwap winner); waiters install a fresh generation after
// one has fired. Closing a channel neither allocates nor waits, so the write
// path stays non-blocking, and with nobody waiting a Put pays two loads.
type wakeGen struct {
	ch    chan struct{}
	fired atomic.Bool
}

func (t *Tracer) notify() {
	if g := t.wake.Load(); g != nil && !g.fired.Load() && g.fired.CompareAndSwap(false, true) {
		close(g.ch)
	}
}

// arm returns the current unfired generation, creating one if needed.
func (t *Tracer) arm() *wakeGen {
	t.mu.Lock()
	defer t.mu.Unlock()
	g := t.wake.Load()
	if g == nil || g.fired.Load() {
		g = &wakeGen{ch: make(chan struct{})}
		t.wake.Store(g)
	}
	return g
}

// Wait blocks until some ring has published an event that cursor c had not
// seen, or ctx is done (then it returns ctx.Err()). It lets a console or a
// trace file writer pull with Since without spinning:
//
//	for {
//		if err := t.Wait(ctx, c); err != nil {
//			return err
//		}
//		evs, c, dropped = t.Since(c, evs[:0])
//		...
//	}
func (t *Tracer) Wait(ctx context.Context, c Cursor) error {
	for {
		// Arm before looking: a Put that publishes after the look will
		// find the armed generation and close it (all atomics involved are
		// sequentially consistent), so no wakeup is lost.
		g := t.arm()
		if t.changed(c) {
			return nil
		}
		select {
		case <-g.ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (t *Tracer) changed(c Cursor) bool {
	for i, w := range t.writers() {
		if w.head.Load()>>1 > c.at(i).seen {
			return true
		}
	}
	return false
}
