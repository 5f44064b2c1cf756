package runtime

import (
	goruntime "runtime"
	"sync"
	"sync/atomic"
)

// spinRounds is how often an idle worker re-checks the run queue (yielding
// between checks, some tens of microseconds in all) before it sleeps. A
// call round trip hands work back within microseconds and a futex
// sleep/wake pair costs more than that, so a worker that just ran out of
// work stays awake briefly, as Go's own scheduler does.
const spinRounds = 256

// spinChecks is how many times a spinning worker looks at the queue
// between pauses; spinYieldEvery how many rounds pass between yields. A
// yield re-queues the spinning goroutine globally, where it is found again
// before anyone steals the goroutines other workers just woke (a socket's
// flusher sits in the waker's "run next" slot), so it yields rarely.
const (
	spinChecks     = 16
	spinYieldEvery = 64
)

// runQueue is skynet's global queue: it holds only services with work, each
// at most once (the mailbox's inGlobal flag guarantees that).
type runQueue struct {
	mu       sync.Mutex
	cond     sync.Cond
	buf      []*Context
	head, n  int
	sleeping int
	stopped  bool
	size     atomic.Int64
	// spinning counts workers spinning in pop; at most maxSpin may, so the
	// other workers' processors go idle and Go's scheduler polls the
	// network (a spinning goroutine that yields never lets it).
	spinning atomic.Int32
	maxSpin  int32
}

func newRunQueue(workers int) *runQueue {
	q := &runQueue{buf: make([]*Context, 64), maxSpin: int32(max(1, workers/2))}
	q.cond.L = &q.mu
	return q
}

func (q *runQueue) push(c *Context) {
	q.mu.Lock()
	if q.n == len(q.buf) {
		nb := make([]*Context, len(q.buf)*2)
		for i := 0; i < q.n; i++ {
			nb[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
		}
		q.buf, q.head = nb, 0
	}
	q.buf[(q.head+q.n)&(len(q.buf)-1)] = c
	q.n++
	q.size.Add(1)
	if q.sleeping > 0 {
		q.cond.Signal()
	}
	q.mu.Unlock()
}

func (q *runQueue) take() *Context {
	c := q.buf[q.head]
	q.buf[q.head] = nil
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.n--
	q.size.Add(-1)
	return c
}

// pop returns the next service with work, waiting if there is none; nil
// means the node stopped.
func (q *runQueue) pop() *Context {
	if c := q.spin(); c != nil {
		return c
	}
	q.mu.Lock()
	for q.n == 0 && !q.stopped {
		q.sleeping++
		q.cond.Wait()
		q.sleeping--
	}
	if q.n == 0 {
		q.mu.Unlock()
		return nil
	}
	c := q.take()
	q.mu.Unlock()
	return c
}

// spin re-checks the queue for a while if few enough workers already do.
func (q *runQueue) spin() *Context {
	if q.spinning.Add(1) > q.maxSpin {
		q.spinning.Add(-1)
		return nil
	}
	defer q.spinning.Add(-1)
	for i := 0; i < spinRounds; i++ {
		for j := 0; j < spinChecks; j++ {
			if q.size.Load() > 0 {
				q.mu.Lock()
				if q.n > 0 {
					c := q.take()
					q.mu.Unlock()
					return c
				}
				q.mu.Unlock()
			}
		}
		if i%spinYieldEvery == spinYieldEvery-1 {
			goruntime.Gosched()
		}
	}
	return nil
}

func (q *runQueue) stop() {
	q.mu.Lock()
	q.stopped = true
	q.cond.Broadcast()
	q.mu.Unlock()
}
