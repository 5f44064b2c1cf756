package runtime

import (
	"fmt"
	"sync/atomic"
)

// Context is a live service as the node sees it: skynet's skynet_context.
// Services receive it in every call and use it to talk to the node.
type Context struct {
	node   *Node
	handle Handle
	module string
	args   string
	impl   Service
	mb     *mailbox

	session atomic.Int32

	// Owned by whoever holds the service (the runner serving it); never
	// touched concurrently.
	parked   map[int32]*runner
	running  *runner
	traceTag string

	msglog    atomic.Pointer[messageLog] // LogOn; nil when off
	dead      atomic.Bool
	finalized bool
	done      chan struct{}

	stats struct {
		messages atomic.Uint64
		endless  atomic.Bool
		cpu      atomic.Int64
	}
}

// Handle is the service's address.
func (c *Context) Handle() Handle { return c.handle }

// Node is the node hosting the service.
func (c *Context) Node() *Node { return c.node }

// Module and Args are the launch command ("snlua", "agent ...").
func (c *Context) Module() string { return c.module }

// Args is the launch argument string.
func (c *Context) Args() string { return c.args }

// Dead reports whether the service was killed or exited.
func (c *Context) Dead() bool { return c.dead.Load() }

// Done is closed once the service is fully released.
func (c *Context) Done() <-chan struct{} { return c.done }

// NewSession allocates the next session: positive, wrapping at 0x7fffffff
// back to 1, as skynet's per-context counter does.
func (c *Context) NewSession() int32 {
	for {
		s := c.session.Add(1)
		if s > 0 {
			return s
		}
		c.session.CompareAndSwap(s, 0)
	}
}

// Send delivers a message from this service. A send to an unknown or dead
// address is a dead letter: logged, traced and, for a request, answered
// with PTYPE_ERROR so the caller does not hang.
func (c *Context) Send(dst Handle, t PType, session int32, data []byte) error {
	return c.node.Send(c.handle, dst, t, session, data)
}

// SetTraceTag sets the tag recorded on the trace event of the dispatch
// now running (skynet.trace); services set it per handler, "" for none.
func (c *Context) SetTraceTag(tag string) { c.traceTag = tag }

// Timeout posts PTYPE_RESPONSE with session to this service after ti
// centiseconds (at once when ti <= 0), as skynet_timeout does.
func (c *Context) Timeout(ti int, session int32) {
	c.node.timeout(c.handle, ti, session)
}

// Block parks the running handler until a PTYPE_RESPONSE or PTYPE_ERROR with
// this session is dispatched to the service, and returns it. The worker is
// handed to another goroutine meanwhile, so the service keeps serving other
// messages and the node keeps all its workers busy. It must be called from
// the goroutine running the service's handler.
func (c *Context) Block(session int32) (Message, error) {
	r := c.running
	if r == nil {
		return Message{}, fmt.Errorf("block on session %d of %s: %w", session, c.handle, ErrNotRunning)
	}
	if c.dead.Load() {
		return Message{}, fmt.Errorf("block on session %d of %s: %w", session, c.handle, ErrKilled)
	}
	if c.parked == nil {
		c.parked = make(map[int32]*runner)
	}
	c.parked[session] = r
	w := r.w
	r.w = nil
	c.running = nil
	w.endEvent(c.node, nil)
	c.node.handoff(w)
	<-r.wake
	c.running = r
	m := r.msg
	r.msg = Message{}
	if m.Type == PTypeError && c.dead.Load() && m.Source == c.handle {
		return m, fmt.Errorf("block on session %d of %s: %w", session, c.handle, ErrKilled)
	}
	return m, nil
}

// Waiting reports how many handlers are blocked in Block. Only the
// goroutine running the service's handler may call it (the count is the
// service's own state); other readers use Snapshot's ServiceStats.Tasks.
func (c *Context) Waiting() int { return len(c.parked) }

// Log writes a line through the node's logger, as skynet.error does.
func (c *Context) Log(msg string) { c.node.Log(c.handle, msg) }

// Exit kills this service (skynet.exit).
func (c *Context) Exit() { _ = c.node.Kill(c.handle) }

// PushFront queues m for this service ahead of everything else. Only the
// running handler may call it (fork and wakeup use it so their work runs
// right after the current step, as skynet's fork queue does).
func (c *Context) PushFront(m Message) { c.mb.pushFront(m) }

// ContextStats are the node-level figures of one service.
type ContextStats struct {
	MQLen    int
	Messages uint64
	CPUNs    int64
	Endless  bool
}

// Stats reads the service's counters.
func (c *Context) Stats() ContextStats {
	return ContextStats{
		MQLen:    c.mb.len(),
		Messages: c.stats.messages.Load(),
		CPUNs:    c.stats.cpu.Load(),
		Endless:  c.stats.endless.Load(),
	}
}

// TakeEndless reports whether the monitor flagged the service as stuck in
// an endless loop, and clears the flag.
func (c *Context) TakeEndless() bool { return c.stats.endless.Swap(false) }
