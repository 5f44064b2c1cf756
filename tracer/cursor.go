package tracer

import (
	"cmp"
	"slices"
)

// Cursor is a reader's position in a tracer: how far it has consumed each
// ring. The zero Cursor is before the first event. Cursors are values: Since
// returns a new one and leaves the old one usable, so a reader can re-read
// from an earlier cursor as long as the events are still in the rings.
type Cursor struct {
	marks []mark // indexed like Tracer.writers; missing entries are zero
}

type mark struct {
	pos  uint64 // events of this ring consumed (returned or counted dropped)
	seen uint64 // events this ring had published when the cursor was made
}

func (c Cursor) at(i int) mark {
	if i < len(c.marks) {
		return c.marks[i]
	}
	return mark{}
}

// Latest returns a cursor positioned after every event published so far,
// for a reader that only wants what happens from now on.
func (t *Tracer) Latest() Cursor {
	rings := t.writers()
	c := Cursor{marks: make([]mark, len(rings))}
	for i, w := range rings {
		done := w.head.Load() >> 1
		c.marks[i] = mark{pos: done, seen: done}
	}
	return c
}

// snapshotTries bounds how often Since retries a ring whose writer keeps
// moving while Since looks at its in-flight event. When it gives up, Since
// returns nothing this time and the reader simply asks again.
const snapshotTries = 8

// Since appends to dst the events published after cursor c, from all rings,
// in ascending Seq order, and returns the extended slice, the cursor to pass
// next time, and how many events after c were lost because a ring
// overwrote them before this reader got to them.
//
// Across successive calls the Seqs returned are strictly increasing: an
// event whose writer has taken a sequence number but not yet finished
// writing holds back every later event until the next call. Each event is
// returned once; returned plus dropped accounts for every event ever Put.
//
// Since never blocks writers and is safe to call while they run; several
// readers may use it at once, each with its own cursor.
func (t *Tracer) Since(c Cursor, dst []Event) ([]Event, Cursor, uint64) {
	// Order matters: every event with a sequence number up to bound had
	// taken it before the ring list was read, so its ring is in the list.
	global := t.seq.Load()
	rings := t.writers()
	bound := global
	next := Cursor{marks: make([]mark, len(rings))}
	for i, w := range rings {
		done, ok := w.snapshot(&bound)
		if !ok {
			return dst, c, 0
		}
		next.marks[i] = mark{pos: c.at(i).pos, seen: done}
	}

	var dropped uint64
	base := len(dst)
	for i, w := range rings {
		m := &next.marks[i]
		pos := m.pos
		if m.seen > t.size && pos < m.seen-t.size {
			dropped += m.seen - t.size - pos
			pos = m.seen - t.size
		}
		for pos < m.seen {
			dst = append(dst, Event{})
			e := &dst[len(dst)-1]
			ok, oldest := w.read(pos, e)
			if !ok {
				dst = dst[:len(dst)-1]
				skip := min(oldest, m.seen)
				dropped += skip - pos
				pos = skip
				continue
			}
			if e.Seq > bound {
				dst = dst[:len(dst)-1] // held back; later events too
				break
			}
			pos++
		}
		m.pos = pos
		if bound == global {
			// Nothing is in flight; anything held back was published after
			// the seq load and can be had at once. Mark it unseen so Wait
			// does not sleep on it. (When a writer is in flight, Wait wakes
			// as soon as that writer publishes.)
			m.seen = pos
		}
	}
	slices.SortFunc(dst[base:], func(a, b Event) int { return cmp.Compare(a.Seq, b.Seq) })
	return dst, next, dropped
}

// snapshot returns how many events the ring has published. If the writer is
// in the middle of a Put, it lowers *bound below that event's sequence
// number (or, when the number is not visible yet, to the ring's last
// published one, which is smaller still). ok is false when the writer kept
// moving for snapshotTries attempts.
func (w *Writer) snapshot(bound *uint64) (done uint64, ok bool) {
	for range snapshotTries {
		h := w.head.Load()
		p := h >> 1
		if h&1 == 0 {
			return p, true
		}
		// The slot at p holds either the in-flight seq or the seq of the
		// event it is replacing, which is older than the one at p-1.
		inflight := w.slots[p&w.mask].w[wSeq].Load()
		var last uint64
		if p > 0 {
			last = w.slots[(p-1)&w.mask].w[wSeq].Load()
		}
		if w.head.Load() != h {
			continue
		}
		limit := last
		if inflight > last {
			limit = inflight - 1
		}
		*bound = min(*bound, limit)
		return p, true
	}
	return 0, false
}
