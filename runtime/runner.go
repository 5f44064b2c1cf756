package runtime

import (
	"fmt"
	goruntime "runtime"
)

// maxSpareRunners bounds the goroutines kept for future hand-offs; extra
// ones exit (a new one costs about a microsecond). Blocked handlers do not
// count: they wait on their own channel.
const maxSpareRunners = 16

// runner is a goroutine that executes scheduling loops and handlers. It owns
// a worker while it runs; a handler that blocks gives its worker to a spare
// runner and waits on wake until an answer is dispatched to it together
// with a worker.
type runner struct {
	node *Node
	w    *worker
	wake chan struct{}
	msg  Message // the answer delivered with wake
}

func newRunner(n *Node) *runner {
	return &runner{node: n, wake: make(chan struct{}, 1)}
}

// loop serves services until the node stops. Every stack that reaches back
// here reads its state from r.w, so a goroutine may come back holding a
// different worker than the one it left with.
func (r *runner) loop() {
	n := r.node
	for {
		w := r.w
		if w == nil {
			return // a spare released by Stop
		}
		if w.svc == nil {
			c := n.runq.pop()
			if c == nil {
				n.workerExit(w)
				return
			}
			w.svc, w.budget = c, batchSize
		}
		c := w.svc
		if w.budget <= 0 {
			if c.mb.finishBatch() {
				n.runq.push(c)
			}
			w.svc = nil
			yieldAfterBatch(batchSize)
			continue
		}
		var m Message
		ctl, got, over := c.mb.pop(&m)
		if ctl != 0 {
			n.control(c, ctl)
			continue
		}
		if !got {
			// Still ours until released: finalize a dead service first,
			// so no other worker can pick it up half torn down.
			if c.dead.Load() {
				n.maybeFinalize(c)
			}
			if c.mb.release() {
				w.svc = nil
				yieldAfterBatch(batchSize - w.budget)
			}
			continue
		}
		w.budget--
		if over > 0 {
			n.logf(c.handle, "May overload, message queue length = %d", over)
		}
		r.dispatch(c, m)
	}
}

// yieldAfterBatch lets goroutines this worker woke during a long batch
// (socket flushers waiting in its processor's run-next slot) run now, not
// when the worker next sleeps. Short batches (a call round trip) skip it.
func yieldAfterBatch(handled int) {
	if handled >= yieldBatch {
		goruntime.Gosched()
	}
}

// yieldBatch is the batch length after which a worker yields.
const yieldBatch = 8

// dispatch delivers one message: an answer to a blocked handler resumes
// that handler's goroutine; anything else goes to the service.
func (r *runner) dispatch(c *Context, m Message) {
	n := r.node
	w := r.w
	c.stats.messages.Add(1)
	if lg := c.msglog.Load(); lg != nil {
		lg.write(n.Now(), &m)
	}
	if m.Type.IsReply() && m.Session != 0 {
		if p, ok := c.parked[m.Session]; ok {
			delete(c.parked, m.Session)
			w.beginEvent(n, c, &m)
			r.w = nil
			p.w, p.msg = w, m
			p.wake <- struct{}{}
			r.park()
			return
		}
	}
	if c.dead.Load() {
		n.deadLetter(m.Source, c.handle, m, "service is exiting")
		return
	}
	w.beginEvent(n, c, &m)
	c.running = r
	err := r.call(c, &m)
	c.running = nil
	r.w.endEvent(n, err)
}

// call runs the service's handler and turns a Go panic into an error so a
// broken service never takes the node down.
func (r *runner) call(c *Context, m *Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("dispatch %s to %s panicked: %v", m.Type, c.handle, p)
			r.node.logf(c.handle, "%v", err)
			if m.Session > 0 && !m.Type.IsReply() && m.Type != PTypeClient {
				r.node.sendError(c.handle, m.Source, m.Session)
			}
		}
	}()
	return c.impl.Dispatch(c, m)
}

// park turns this goroutine into a spare until it is handed a worker.
func (r *runner) park() {
	n := r.node
	n.spareMu.Lock()
	if len(n.spares) >= maxSpareRunners || n.sparesClosed {
		// too many spares, or Stop already released them all
		n.spareMu.Unlock()
		goruntime.Goexit()
	}
	n.spares = append(n.spares, r)
	n.spareMu.Unlock()
	<-r.wake
}

// handoff gives w to a spare runner (or a new one) so the worker keeps
// running while the calling goroutine blocks.
func (n *Node) handoff(w *worker) {
	n.spareMu.Lock()
	if k := len(n.spares); k > 0 {
		s := n.spares[k-1]
		n.spares = n.spares[:k-1]
		n.spareMu.Unlock()
		s.w = w
		s.wake <- struct{}{}
		return
	}
	n.spareMu.Unlock()
	s := newRunner(n)
	s.w = w
	go s.loop()
}
