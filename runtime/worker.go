package runtime

import (
	"sync/atomic"

	"github.com/skyconsole/skyconsole/tracer"
)

// batchSize bounds how many messages a worker takes from one mailbox before
// it puts the service back: busy services stay fair to each other.
const batchSize = 64

// worker is one of the node's N execution slots. It is held by exactly one
// goroutine (a runner) at a time and moves between runners when a handler
// blocks, so everything a scheduling loop needs lives here, not on a stack.
type worker struct {
	id     int
	svc    *Context // service being served, nil between services
	budget int
	tw     *tracer.Writer

	// The trace event of the dispatch in progress; it is finished when the
	// handler returns or blocks, by whichever goroutine holds the worker then.
	ev        tracer.Event
	evPending bool
	evStart   int64 // node monotonic ns when the dispatch began

	// Endless-loop monitor state, read by the monitor goroutine.
	version  atomic.Uint64
	busySrc  atomic.Uint32
	busyDst  atomic.Uint32
	busyFrom atomic.Int64 // coarse unix ns when the current dispatch began, 0 idle
	reported atomic.Uint64
}

func (w *worker) beginEvent(n *Node, c *Context, m *Message) {
	w.version.Add(1)
	w.busySrc.Store(uint32(m.Source))
	w.busyDst.Store(uint32(c.handle))
	// The coarse clock (updated every 2.5 ms by the timer goroutine) is
	// enough for the endless-loop monitor and CPU accounting, and costs a
	// load instead of a clock read on every dispatch.
	w.busyFrom.Store(n.coarse.Load())
	// A negative session from the service itself is internal scheduling
	// (a fork or a wakeup resuming a handler): skynet has no message for
	// it, so neither does the trace.
	if !n.tracer.Enabled() || (m.Source == c.handle && (m.Session < 0 || c.dead.Load())) {
		// ... and neither do the errors a dying service sends itself to
		// unwind its blocked handlers.
		return
	}
	// One monotonic clock read gives wall time, node time and the start of
	// the duration (wall-clock reads are slow on some VMs).
	mono := n.mono()
	ev := &w.ev
	*ev = tracer.Event{
		Wall:    n.startedNs + mono,
		Now:     mono / 1e7,
		Node:    n.harbor,
		Type:    uint8(m.Type),
		Session: m.Session,
		Source:  uint32(m.Source),
		Dest:    uint32(c.handle),
		Size:    int32(len(m.Data)),
	}
	switch m.Type {
	case PTypeSocket:
		if sub, id, _, ok := SocketHeader(m.Data); ok {
			ev.Sock = tracer.SockKind(sub)
			ev.Fd = id
			ev.Size = int32(len(m.Data) - SocketHeaderSize)
		}
	case PTypeClient:
		ev.Fd = m.Session
	}
	if n.tracer.Capture() {
		body := m.Data
		if m.Type == PTypeSocket && len(body) >= SocketHeaderSize {
			// the bytes the event's Size counts: after the socket header
			// (subtype, id and ud are in the event already)
			body = body[SocketHeaderSize:]
		}
		ev.PayloadLen = uint8(copy(ev.Payload[:], body))
	}
	w.evPending = true
	w.evStart = mono
}

func (w *worker) endEvent(n *Node, err error) {
	from := w.busyFrom.Swap(0)
	if c := w.svc; c != nil && from != 0 {
		// Tick-based accounting: unbiased over many messages, like a
		// sampling profiler, without a clock read per dispatch.
		c.stats.cpu.Add(n.coarse.Load() - from)
	}
	if !w.evPending {
		return
	}
	w.evPending = false
	w.ev.DurNs = n.mono() - w.evStart
	if c := w.svc; c != nil {
		// the tag of the handler that ran (skynet.trace), set by the service
		w.ev.Tag = c.traceTag
	}
	if err != nil {
		w.ev.Outcome = tracer.Error
	}
	w.tw.Put(&w.ev)
}
