package runtime

import "sync"

// overloadStart is skynet's MQ_OVERLOAD: the first queue length that warns.
const overloadStart = 1024

// ctlKind is a control-lane command; control messages overtake user ones.
type ctlKind uint8

const (
	ctlKill ctlKind = iota + 1
)

// mailbox is a growable ring of messages plus a small control lane. The
// inGlobal flag, guarded by the same lock, says whether the owning service
// sits in the run queue or is being served by a worker; a push that finds it
// clear schedules the service, exactly once.
type mailbox struct {
	mu       sync.Mutex
	buf      []Message
	head     int
	n        int
	ctl      []ctlKind
	inGlobal bool
	closed   bool
	// overload is the length that triggers the next warning; it doubles
	// after each warning.
	overload int
}

// newMailbox starts owned (inGlobal set), as skynet's queue does, so that
// nothing is dispatched while the service's Init runs; Launch releases it.
func newMailbox() *mailbox {
	return &mailbox{buf: make([]Message, 8), overload: overloadStart, inGlobal: true}
}

// push appends m and reports whether the caller must schedule the service.
// A closed mailbox refuses the message (ok false).
func (q *mailbox) push(m Message) (schedule, ok bool) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false, false
	}
	if q.n == len(q.buf) {
		q.grow()
	}
	q.buf[(q.head+q.n)&(len(q.buf)-1)] = m
	q.n++
	if !q.inGlobal {
		q.inGlobal = true
		schedule = true
	}
	q.mu.Unlock()
	return schedule, true
}

// pushFront puts m before every queued message; used to deliver synthetic
// errors to waiting handlers of a dying service first.
func (q *mailbox) pushFront(m Message) {
	q.mu.Lock()
	if q.n == len(q.buf) {
		q.grow()
	}
	q.head = (q.head - 1) & (len(q.buf) - 1)
	q.buf[q.head] = m
	q.n++
	q.mu.Unlock()
}

// pushCtl queues a control command and reports whether to schedule.
func (q *mailbox) pushCtl(c ctlKind) (schedule bool) {
	q.mu.Lock()
	q.ctl = append(q.ctl, c)
	if !q.inGlobal {
		q.inGlobal = true
		schedule = true
	}
	q.mu.Unlock()
	return schedule
}

func (q *mailbox) grow() {
	nb := make([]Message, len(q.buf)*2)
	for i := 0; i < q.n; i++ {
		nb[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf = nb
	q.head = 0
}

// pop takes the next control command or message; overloaded is the queue
// length when it just crossed the warning threshold, else 0. It never
// gives up the service: the worker does that with release once it has
// finished with the service (a dead one must be finalized first).
func (q *mailbox) pop(m *Message) (ctl ctlKind, got bool, overloaded int) {
	q.mu.Lock()
	if len(q.ctl) > 0 {
		ctl = q.ctl[0]
		q.ctl = q.ctl[1:]
		q.mu.Unlock()
		return ctl, false, 0
	}
	if q.n == 0 {
		q.overload = overloadStart // a drained queue starts warning afresh
		q.mu.Unlock()
		return 0, false, 0
	}
	for q.n > q.overload {
		overloaded = q.n
		q.overload *= 2
	}
	*m = q.buf[q.head]
	q.buf[q.head] = Message{}
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.n--
	if q.n == 0 && len(q.buf) > 1024 {
		// Give back the memory a burst needed; idle must stay cheap.
		q.buf = make([]Message, 8)
		q.head = 0
	}
	q.mu.Unlock()
	return 0, true, overloaded
}

// release clears inGlobal if both lanes are empty, so the next push
// schedules the service again; false means work arrived meanwhile.
func (q *mailbox) release() bool {
	q.mu.Lock()
	empty := q.n == 0 && len(q.ctl) == 0
	if empty {
		q.inGlobal = false
	}
	q.mu.Unlock()
	return empty
}

// finishBatch is called by a worker that served a batch: it reports whether
// work remains, clearing inGlobal when it does not.
func (q *mailbox) finishBatch() (more bool) {
	q.mu.Lock()
	more = q.n > 0 || len(q.ctl) > 0
	if !more {
		q.inGlobal = false
	}
	q.mu.Unlock()
	return more
}

// drain removes every queued message, leaving the scheduling state alone.
func (q *mailbox) drain() []Message {
	q.mu.Lock()
	out := make([]Message, 0, q.n)
	for i := 0; i < q.n; i++ {
		out = append(out, q.buf[(q.head+i)&(len(q.buf)-1)])
	}
	q.n, q.head = 0, 0
	q.buf = make([]Message, 8)
	q.mu.Unlock()
	return out
}

// close refuses further pushes and returns every queued message.
func (q *mailbox) close() []Message {
	q.mu.Lock()
	q.closed = true
	out := make([]Message, 0, q.n)
	for i := 0; i < q.n; i++ {
		out = append(out, q.buf[(q.head+i)&(len(q.buf)-1)])
	}
	q.n, q.head = 0, 0
	q.buf = make([]Message, 8)
	q.mu.Unlock()
	return out
}

func (q *mailbox) len() int {
	q.mu.Lock()
	n := q.n
	q.mu.Unlock()
	return n
}
