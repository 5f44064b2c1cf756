package runtime

import (
	"sync"
	"time"
)

const wheelSlots = 256

type timerEntry struct {
	expire  int64
	dst     Handle
	session int32
}

// timerWheel is a hashed wheel in centiseconds (skynet's timer unit):
// entries due within the next 256 ticks sit in their slot, later ones in a
// far list that is re-bucketed once per wheel turn.
type timerWheel struct {
	mu    sync.Mutex
	now   int64
	slots [wheelSlots][]timerEntry
	far   []timerEntry
}

// add registers a timer due at node tick expire. The wheel's own clock
// may trail node time by a tick, so the expiry is absolute, never earlier
// than the wheel's next tick.
func (w *timerWheel) add(expire int64, dst Handle, session int32) {
	w.mu.Lock()
	if expire <= w.now {
		expire = w.now + 1
	}
	e := timerEntry{expire: expire, dst: dst, session: session}
	if expire-w.now < wheelSlots {
		i := e.expire & (wheelSlots - 1)
		w.slots[i] = append(w.slots[i], e)
	} else {
		w.far = append(w.far, e)
	}
	w.mu.Unlock()
}

// advance moves the wheel to tick `to` and returns the entries that came
// due, in expiry order, appended to out.
func (w *timerWheel) advance(to int64, out []timerEntry) []timerEntry {
	w.mu.Lock()
	for w.now < to {
		w.now++
		i := w.now & (wheelSlots - 1)
		if len(w.slots[i]) > 0 {
			out = append(out, w.slots[i]...)
			w.slots[i] = w.slots[i][:0]
		}
		if i == 0 && len(w.far) > 0 {
			keep := w.far[:0]
			for _, e := range w.far {
				if e.expire-w.now <= wheelSlots {
					j := e.expire & (wheelSlots - 1)
					if e.expire <= w.now {
						out = append(out, e)
					} else {
						w.slots[j] = append(w.slots[j], e)
					}
				} else {
					keep = append(keep, e)
				}
			}
			w.far = keep
		}
	}
	w.mu.Unlock()
	return out
}

// Now is node time in centiseconds since the node started (skynet.now).
func (n *Node) Now() int64 { return n.mono() / 1e7 }

// mono is monotonic nanoseconds since the node started: time.Since on a
// time with a monotonic reading reads only the monotonic clock.
func (n *Node) mono() int64 { return int64(time.Since(n.started)) }

// StartTime is the node's start as unix seconds (skynet.starttime).
func (n *Node) StartTime() int64 { return n.started.Unix() }

func (n *Node) timeout(dst Handle, ti int, session int32) {
	if ti <= 0 {
		_ = n.Send(0, dst, PTypeResponse, session, nil)
		return
	}
	n.timers.add(n.Now()+int64(ti), dst, session)
}

func (n *Node) timerLoop() {
	tk := time.NewTicker(2500 * time.Microsecond)
	defer tk.Stop()
	var due []timerEntry
	for {
		select {
		case <-n.quit:
			return
		case now := <-tk.C:
			n.coarse.Store(now.UnixNano())
		}
		due = n.timers.advance(n.Now(), due[:0])
		for _, e := range due {
			n.sendQuiet(0, e.dst, PTypeResponse, e.session, nil)
		}
	}
}
