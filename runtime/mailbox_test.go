package runtime

import (
	"sync"
	"testing"
)

func seqMsg(i int) Message {
	return Message{Type: PTypeLua, Session: int32(i), Source: Handle(0x01000000 + i)}
}

// popAll pops until the mailbox reports empty and returns the sessions seen.
func popAll(t *testing.T, q *mailbox) []int32 {
	t.Helper()
	var out []int32
	for {
		var m Message
		ctl, got, _ := q.pop(&m)
		if ctl != 0 {
			t.Fatalf("pop returned control %d while draining user messages", ctl)
		}
		if !got {
			return out
		}
		out = append(out, m.Session)
	}
}

func wantSeq(t *testing.T, got []int32, from, to int) {
	t.Helper()
	if len(got) != to-from {
		t.Fatalf("got %d messages %v, want sessions %d..%d", len(got), got, from, to-1)
	}
	for i, s := range got {
		if int(s) != from+i {
			t.Fatalf("message %d has session %d, want %d (order %v)", i, s, from+i, got)
		}
	}
}

func TestMailboxFIFO(t *testing.T) {
	q := releasedMailbox()
	for i := range 100 {
		if _, ok := q.push(seqMsg(i)); !ok {
			t.Fatalf("push %d refused", i)
		}
	}
	if n := q.len(); n != 100 {
		t.Fatalf("len = %d, want 100", n)
	}
	var m Message
	if _, got, _ := q.pop(&m); !got || m.Session != 0 || m.Source != seqMsg(0).Source || m.Type != PTypeLua {
		t.Fatalf("first pop = %+v (got %v), want %+v", m, got, seqMsg(0))
	}
	wantSeq(t, popAll(t, q), 1, 100)
}

// The ring must keep order when it grows while its content wraps around the
// end of the buffer, for push and for pushFront.
func TestMailboxGrowAcrossWrap(t *testing.T) {
	q := releasedMailbox()
	start := len(q.buf)
	for i := range 6 {
		q.push(seqMsg(i))
	}
	var m Message
	for i := range 5 {
		if _, got, _ := q.pop(&m); !got || int(m.Session) != i {
			t.Fatalf("pop %d = session %d (got %v)", i, m.Session, got)
		}
	}
	// head is now near the end of the buffer: the next pushes wrap, then
	// the ring fills and grows with its content split in two.
	for i := 6; i < 6+3*start; i++ {
		q.push(seqMsg(i))
	}
	if len(q.buf) <= start {
		t.Fatalf("buffer did not grow: len %d", len(q.buf))
	}
	if n := q.len(); n != 1+3*start {
		t.Fatalf("len = %d, want %d", n, 1+3*start)
	}
	wantSeq(t, popAll(t, q), 5, 6+3*start)

	// pushFront at head 0 wraps backwards to the end of the buffer.
	q = releasedMailbox()
	q.push(seqMsg(2))
	q.push(seqMsg(3))
	q.pushFront(seqMsg(1))
	q.pushFront(seqMsg(0))
	for i := 4; i < 4+start; i++ { // forces growth with head in the middle
		q.push(seqMsg(i))
	}
	wantSeq(t, popAll(t, q), 0, 4+start)
}

func TestMailboxPushFrontWhenFull(t *testing.T) {
	q := releasedMailbox()
	n := len(q.buf)
	for i := 1; i <= n; i++ {
		q.push(seqMsg(i))
	}
	q.pushFront(seqMsg(0))
	wantSeq(t, popAll(t, q), 0, n+1)
}

func TestMailboxControlOvertakesUserMessages(t *testing.T) {
	q := releasedMailbox()
	for i := range 3 {
		q.push(seqMsg(i))
	}
	if q.pushCtl(ctlKill) {
		t.Fatal("pushCtl on a scheduled mailbox asked to schedule again")
	}
	var m Message
	ctl, got, _ := q.pop(&m)
	if ctl != ctlKill || got {
		t.Fatalf("pop = (ctl %d, got %v), want the kill command before any message", ctl, got)
	}
	// The control command does not consume a user message.
	wantSeq(t, popAll(t, q), 0, 3)

	// On an idle mailbox the control lane schedules the service once.
	q = releasedMailbox()
	if !q.pushCtl(ctlKill) {
		t.Fatal("pushCtl on an idle mailbox did not ask to schedule")
	}
	if sched, _ := q.push(seqMsg(0)); sched {
		t.Fatal("push after pushCtl scheduled the service a second time")
	}
}

// push must report `schedule` exactly once until the mailbox is drained:
// a service sits in the run queue at most once.
func TestMailboxSchedulesOnceUntilDrained(t *testing.T) {
	q := releasedMailbox()
	if sched, ok := q.push(seqMsg(0)); !sched || !ok {
		t.Fatalf("first push = (%v, %v), want (true, true)", sched, ok)
	}
	for i := 1; i < 10; i++ {
		if sched, _ := q.push(seqMsg(i)); sched {
			t.Fatalf("push %d scheduled an already scheduled mailbox", i)
		}
	}
	var m Message
	for i := range 10 {
		if _, got, _ := q.pop(&m); !got {
			t.Fatalf("pop %d found nothing", i)
		}
		// Still owned by the worker while it pops: pushes must not schedule.
		if i == 4 {
			if sched, _ := q.push(seqMsg(10)); sched {
				t.Fatal("push while the worker drains scheduled the mailbox")
			}
		}
	}
	if _, got, _ := q.pop(&m); !got {
		t.Fatal("message pushed mid-drain was lost")
	}
	if _, got, _ := q.pop(&m); got {
		t.Fatal("pop on an empty mailbox returned a message")
	}
	// an empty pop keeps the service owned until the worker releases it
	if sched, _ := q.push(seqMsg(12)); sched {
		t.Fatal("push before release scheduled the mailbox")
	}
	if q.release() {
		t.Fatal("release with a queued message gave the service up")
	}
	if _, got, _ := q.pop(&m); !got {
		t.Fatal("message pushed before release was lost")
	}
	if !q.release() {
		t.Fatal("release of an empty mailbox kept the service")
	}
	if sched, _ := q.push(seqMsg(11)); !sched {
		t.Fatal("push after the mailbox ran dry did not schedule it")
	}

	// finishBatch: work left keeps the mailbox scheduled...
	if !q.finishBatch() {
		t.Fatal("finishBatch with a queued message reported no more work")
	}
	if sched, _ := q.push(seqMsg(12)); sched {
		t.Fatal("push after finishBatch(more) scheduled the mailbox twice")
	}
	popAll(t, q)
	if !q.release() {
		t.Fatal("release after draining kept the service")
	}
	if sched, _ := q.push(seqMsg(13)); !sched {
		t.Fatal("push after drain did not schedule")
	}
	q.pop(&m) // takes 13; the flag stays set
	// ...and no work left releases it.
	if q.finishBatch() {
		t.Fatal("finishBatch on an empty mailbox reported more work")
	}
	if sched, _ := q.push(seqMsg(14)); !sched {
		t.Fatal("push after finishBatch(no more) did not schedule")
	}
}

func TestMailboxConcurrentPushSchedulesOnce(t *testing.T) {
	const senders, each = 8, 500
	q := releasedMailbox()
	var wg sync.WaitGroup
	var mu sync.Mutex
	schedules := 0
	for g := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				sched, ok := q.push(seqMsg(g*each + i))
				if !ok {
					t.Error("push refused on an open mailbox")
					return
				}
				if sched {
					mu.Lock()
					schedules++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if schedules != 1 {
		t.Fatalf("%d pushes asked to schedule, want exactly 1", schedules)
	}
	if n := q.len(); n != senders*each {
		t.Fatalf("len = %d, want %d", n, senders*each)
	}
}

// pop's third result reports the queue length when it first exceeds 1024
// (skynet's MQ_OVERLOAD) and then each time it exceeds a doubled threshold.
func TestMailboxOverloadThresholds(t *testing.T) {
	pushN := func(q *mailbox, n int) {
		for range n {
			q.push(seqMsg(0))
		}
	}
	popOver := func(q *mailbox) int {
		var m Message
		_, got, over := q.pop(&m)
		if !got {
			t.Fatal("pop found no message")
		}
		return over
	}

	q := releasedMailbox()
	pushN(q, overloadStart)
	for i := range overloadStart {
		if over := popOver(q); over != 0 {
			t.Fatalf("pop %d of a %d-long queue warned %d", i, overloadStart, over)
		}
	}

	q = releasedMailbox()
	pushN(q, 1025)
	if over := popOver(q); over != 1025 {
		t.Fatalf("queue of 1025: overload = %d, want 1025", over)
	}
	for i := range 100 { // 1024 left, below the doubled threshold 2048
		if over := popOver(q); over != 0 {
			t.Fatalf("pop %d after the first warning warned again (%d)", i, over)
		}
	}
	pushN(q, 2049-q.len()) // exactly 2049 queued
	if over := popOver(q); over != 2049 {
		t.Fatalf("queue of 2049: overload = %d, want 2049", over)
	}
	pushN(q, 4096-q.len())
	if over := popOver(q); over != 0 {
		t.Fatalf("queue of 4096 (threshold 4096) warned %d", over)
	}
	pushN(q, 4097-q.len())
	if over := popOver(q); over != 4097 {
		t.Fatalf("queue of 4097: overload = %d, want 4097", over)
	}
}

// After a burst the ring gives its memory back so idle stays cheap.
func TestMailboxShrinksAfterBurst(t *testing.T) {
	q := releasedMailbox()
	for i := range 3000 {
		q.push(seqMsg(i))
	}
	if len(q.buf) < 3000 {
		t.Fatalf("buffer len %d cannot hold 3000 messages", len(q.buf))
	}
	wantSeq(t, popAll(t, q), 0, 3000)
	if len(q.buf) != 8 {
		t.Fatalf("buffer len after draining a burst = %d, want 8", len(q.buf))
	}
}

func TestMailboxDrainAndClose(t *testing.T) {
	q := releasedMailbox()
	for i := range 20 { // more than the initial capacity, wrapped once
		q.push(seqMsg(i))
	}
	var m Message
	q.pop(&m)
	drained := q.drain()
	if len(drained) != 19 {
		t.Fatalf("drain returned %d messages, want 19", len(drained))
	}
	for i, d := range drained {
		if int(d.Session) != i+1 {
			t.Fatalf("drained[%d] = session %d, want %d", i, d.Session, i+1)
		}
	}
	if q.len() != 0 {
		t.Fatalf("len after drain = %d", q.len())
	}
	// drain leaves scheduling alone: the worker still owns the mailbox.
	if sched, ok := q.push(seqMsg(100)); sched || !ok {
		t.Fatalf("push after drain = (%v, %v), want (false, true)", sched, ok)
	}

	rest := q.close()
	if len(rest) != 1 || rest[0].Session != 100 {
		t.Fatalf("close returned %+v, want the one queued message", rest)
	}
	if sched, ok := q.push(seqMsg(101)); sched || ok {
		t.Fatalf("push after close = (%v, %v), want (false, false)", sched, ok)
	}
	if q.len() != 0 {
		t.Fatalf("closed mailbox holds %d messages", q.len())
	}
	if _, got, _ := q.pop(&m); got {
		t.Fatal("pop on a closed mailbox returned a message")
	}
	if again := q.close(); len(again) != 0 {
		t.Fatalf("second close returned %d messages", len(again))
	}
}

// releasedMailbox is a mailbox as Launch leaves it after Init: empty and
// not scheduled.
func releasedMailbox() *mailbox {
	q := newMailbox()
	q.release()
	return q
}
