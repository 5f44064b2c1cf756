package runtime

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skyconsole/skyconsole/tracer"
)

// Node hosts services. All mutable state of a running skynet lives here, so
// several nodes can share one process (tests run them in parallel).
type Node struct {
	opts      Options
	harbor    uint8
	started   time.Time
	startedNs int64 // started as unix nanoseconds
	tracer    *tracer.Tracer
	shared    *tracer.Writer // for events produced outside workers

	reg       registry
	names     *names
	labels    labels
	env       env
	runq      *runQueue
	timers    timerWheel
	factories map[string]Factory

	workers      []*worker
	spareMu      sync.Mutex
	spares       []*runner
	sparesClosed bool // set by Stop: a runner that becomes spare later exits

	coarse atomic.Int64 // unix ns, refreshed by the timer goroutine
	hookMu sync.Mutex
	onExit []func(Handle)

	loggerHandle atomic.Uint32
	exitMonitor  atomic.Uint32 // SetExitMonitor
	logMu        sync.Mutex

	stopOnce sync.Once
	stopping atomic.Bool
	quit     chan struct{} // closed when the node begins stopping
	done     chan struct{} // closed when the node has stopped
	exitCode atomic.Int32
	wg       sync.WaitGroup
}

// New creates a node; Start begins scheduling.
func New(opts ...Option) *Node {
	o := defaults()
	for _, f := range opts {
		f(&o)
	}
	n := &Node{
		opts:      o,
		harbor:    o.Harbor,
		tracer:    o.Tracer,
		names:     newNames(),
		runq:      newRunQueue(o.Threads),
		factories: map[string]Factory{},
		quit:      make(chan struct{}),
		done:      make(chan struct{}),
	}
	if n.tracer == nil {
		n.tracer = tracer.New()
	}
	n.shared = n.tracer.Shared()
	n.env.m = map[string]string{}
	n.factories["logger"] = func() Service { return &loggerService{mu: &n.logMu, out: o.Log} }
	return n
}

// Harbor is the node id.
func (n *Node) Harbor() uint8 { return n.harbor }

// Tracer is the node's tracer.
func (n *Node) Tracer() *tracer.Tracer { return n.tracer }

// Threads is the number of workers.
func (n *Node) Threads() int { return n.opts.Threads }

// RegisterModule makes a service type launchable by name.
func (n *Node) RegisterModule(name string, f Factory) { n.factories[name] = f }

// Start launches the logger (handle 1, as in skynet) and the workers.
func (n *Node) Start() error {
	n.started = time.Now()
	n.startedNs = n.started.UnixNano()
	n.coarse.Store(n.started.UnixNano())
	for i := 0; i < n.opts.Threads; i++ {
		w := &worker{id: i, tw: n.tracer.NewWriter()}
		n.workers = append(n.workers, w)
		r := newRunner(n)
		r.w = w
		n.wg.Add(1)
		go r.loop()
	}
	go n.timerLoop()
	go n.monitorLoop()
	h, err := n.Launch("logger", "")
	if err != nil {
		return err
	}
	n.loggerHandle.Store(uint32(h))
	return nil
}

// Launch creates a service of the given module and runs its Init in the
// calling goroutine, as skynet_context_new does.
func (n *Node) Launch(module, args string) (Handle, error) {
	if n.stopping.Load() {
		return 0, fmt.Errorf("launch %s %s: %w", module, args, ErrNodeStopped)
	}
	f, ok := n.factories[module]
	if !ok {
		return 0, fmt.Errorf("launch %s: %w", module, ErrUnknownService)
	}
	c := &Context{node: n, module: module, args: args, impl: f(), mb: newMailbox(), done: make(chan struct{})}
	h, err := n.reg.alloc(n.harbor, c)
	if err != nil {
		return 0, fmt.Errorf("launch %s %s: %w", module, args, err)
	}
	label := module
	if module == "snlua" {
		label, _, _ = strings.Cut(args, " ")
	}
	n.labels.set(h, label)
	if module != "logger" {
		line := "LAUNCH " + module
		if args != "" {
			line += " " + args
		}
		n.Log(h, line)
	}
	if err := c.impl.Init(c, args); err != nil {
		c.dead.Store(true)
		n.reg.retire(h)
		n.finalize(c)
		return 0, fmt.Errorf("launch %s %s: %w", module, args, err)
	}
	// Init is done: schedule what arrived meanwhile, or give the service up.
	if !c.mb.release() {
		n.runq.push(c)
	}
	return h, nil
}

// Send delivers a message. Dead letters are logged, traced and answered
// with PTYPE_ERROR when they were requests.
func (n *Node) Send(src, dst Handle, t PType, session int32, data []byte) error {
	if c := n.reg.get(dst); c != nil {
		sched, ok := c.mb.push(Message{Type: t, Session: session, Source: src, Data: data})
		if ok {
			if sched {
				n.runq.push(c)
			}
			return nil
		}
	}
	m := Message{Type: t, Session: session, Source: src, Data: data}
	reason := "unknown address"
	if dst.Harbor() != n.harbor && dst != 0 {
		reason = "no route to harbor"
	}
	n.deadLetter(src, dst, m, reason)
	return fmt.Errorf("send %s from %s to %s: %w", t, src, dst, ErrUnknownAddress)
}

// sendQuiet is Send for timers: a timer of a dead service is traced but
// not logged, since services often exit with timers pending.
func (n *Node) sendQuiet(src, dst Handle, t PType, session int32, data []byte) {
	if c := n.reg.get(dst); c != nil {
		if sched, ok := c.mb.push(Message{Type: t, Session: session, Source: src, Data: data}); ok {
			if sched {
				n.runq.push(c)
			}
			return
		}
	}
	n.traceDead(src, dst, Message{Type: t, Session: session, Source: src, Data: data})
}

func (n *Node) sendError(src, dst Handle, session int32) {
	n.sendQuiet(src, dst, PTypeError, session, nil)
}

func (n *Node) deadLetter(src, dst Handle, m Message, reason string) {
	n.traceDead(src, dst, m)
	if m.Type.IsReply() {
		if m.Source != 0 {
			n.logf(0, "Drop %s from %s to %s (session=%d)(size=%d): %s", m.Type, src, dst, m.Session, len(m.Data), reason)
		}
		return
	}
	n.logf(0, "Drop message from %s to %s (type=%s)(session=%d)(size=%d): %s", src, dst, m.Type, m.Session, len(m.Data), reason)
	if m.Session > 0 && m.Type != PTypeClient && src != 0 {
		n.sendError(dst, src, m.Session)
	}
}

func (n *Node) traceDead(src, dst Handle, m Message) {
	if !n.tracer.Enabled() {
		return
	}
	ev := tracer.Event{
		Wall: time.Now().UnixNano(), Now: n.Now(), Node: n.harbor,
		Type: uint8(m.Type), Session: m.Session, Source: uint32(src), Dest: uint32(dst),
		Size: int32(len(m.Data)), Outcome: tracer.Dead,
	}
	n.shared.Put(&ev)
}

// Register gives h a name (".local" or global).
func (n *Node) Register(name string, h Handle) error {
	if err := n.names.register(name, h); err != nil {
		return err
	}
	if len(n.names.of(h)) == 1 {
		n.labels.set(h, name)
	}
	return nil
}

// Query resolves a name.
func (n *Node) Query(name string) (Handle, bool) { return n.names.lookup(name) }

// NamesOf lists the names registered for h.
func (n *Node) NamesOf(h Handle) []string { return n.names.of(h) }

// Lookup returns the live context of h, or nil.
func (n *Node) Lookup(h Handle) *Context { return n.reg.get(h) }

// Signal forwards a debug-console signal to a service.
func (n *Node) Signal(h Handle, sig int) error {
	c := n.reg.get(h)
	if c == nil {
		return fmt.Errorf("signal %s: %w", h, ErrUnknownAddress)
	}
	if s, ok := c.impl.(Signaler); ok {
		s.Signal(sig)
	}
	return nil
}

// Done is closed when the node has stopped.
func (n *Node) Done() <-chan struct{} { return n.done }

// Stopping is closed as soon as the node begins to stop.
func (n *Node) Stopping() <-chan struct{} { return n.quit }

// ExitCode is the code set by Abort or Stop.
func (n *Node) ExitCode() int { return int(n.exitCode.Load()) }
