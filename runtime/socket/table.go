package socket

import (
	"slices"
	"sync"
)

// table maps socket ids to sockets.
//
// Ids follow skynet's scheme: a counter that starts at 1 and only grows
// (wrapping to 1 after 2^31-1), skipping ids still in use. skynet hashes the
// counter into a 65536-slot array, so slots are reused at once but an id
// value only comes back after the counter has wrapped; the counter's high
// bits act as a generation. A map gives the same ids without the fixed
// array. Because of this an id is never handed out again while events of
// its previous socket may still sit in a mailbox: that would take 2^31
// further sockets first.
type table struct {
	mu     sync.RWMutex
	socks  map[int32]*sock
	last   int32
	max    int
	closed bool
}

func newTable(max int) table {
	return table{socks: make(map[int32]*sock), max: max}
}

// add gives s the next free id.
func (t *table) add(s *sock) (int32, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return 0, ErrServerClosed
	}
	if len(t.socks) >= t.max {
		return 0, ErrTooManySockets
	}
	for {
		t.last++
		if t.last <= 0 {
			t.last = 1
		}
		if _, busy := t.socks[t.last]; !busy {
			break
		}
	}
	s.id = t.last
	t.socks[s.id] = s
	return s.id, nil
}

func (t *table) get(id int32) *sock {
	t.mu.RLock()
	s := t.socks[id]
	t.mu.RUnlock()
	return s
}

// remove forgets id if it still belongs to s.
func (t *table) remove(id int32, s *sock) {
	t.mu.Lock()
	if t.socks[id] == s {
		delete(t.socks, id)
	}
	t.mu.Unlock()
}

// all lists the live sockets in id order.
func (t *table) all() []*sock {
	t.mu.RLock()
	out := make([]*sock, 0, len(t.socks))
	for _, s := range t.socks {
		out = append(out, s)
	}
	t.mu.RUnlock()
	slices.SortFunc(out, func(a, b *sock) int { return int(a.id) - int(b.id) })
	return out
}

// shut refuses further ids and returns the live sockets.
func (t *table) shut() []*sock {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	return t.all()
}
