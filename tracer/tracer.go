package tracer

import (
	"sync"
	"sync/atomic"
)

// Tracer owns the rings of one node. Workers write through their own Writer;
// readers pull with Since. All state lives in the value, so several tracers
// (several nodes) can share a process.
type Tracer struct {
	on      atomic.Bool
	capture atomic.Bool
	size    uint64 // events per ring, a power of two

	// seq is bumped by every Put on every worker; keep it off the cache line
	// that Enabled reads on every dispatch.
	_   [64]byte
	seq atomic.Uint64
	_   [56]byte

	wake atomic.Pointer[wakeGen] // see notify.go

	mu         sync.Mutex // guards ring registration and wake generations
	rings      atomic.Pointer[[]*Writer]
	shared     *Writer
	sharedOnce sync.Once
}

// New returns a tracer configured by opts on top of the defaults (8192
// events per ring, tracing off, capture off).
func New(opts ...Option) *Tracer {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	t := &Tracer{size: uint64(ringSize(cfg.ringSize))}
	t.on.Store(cfg.enabled)
	t.capture.Store(cfg.capture)
	t.rings.Store(new([]*Writer))
	return t
}

// Enabled reports whether dispatch should record events. It is the only
// cost tracing adds to a dispatch while it is off: one atomic load.
func (t *Tracer) Enabled() bool { return t.on.Load() }

// SetEnabled turns recording on or off. An event whose dispatch checked
// Enabled just before the switch may still land.
func (t *Tracer) SetEnabled(on bool) { t.on.Store(on) }

// Capture reports whether writers should fill Event.Payload.
func (t *Tracer) Capture() bool { return t.capture.Load() }

// SetCapture turns payload capture on or off.
func (t *Tracer) SetCapture(on bool) { t.capture.Store(on) }

// RingSize returns how many events each writer's ring holds.
func (t *Tracer) RingSize() int { return int(t.size) }

// NewWriter registers a new ring and returns its writer. A Writer must be
// used by one goroutine at a time (the worker that owns it); rings are never
// removed, so a runtime should create one per worker, not one per dispatch.
func (t *Tracer) NewWriter() *Writer {
	return t.register(nil)
}

// Shared returns the tracer's shared writer, which any goroutine may use. It
// takes a mutex per Put, so it is meant for events produced outside workers
// (dead letters found at send time by socket or timer goroutines).
func (t *Tracer) Shared() *Writer {
	t.sharedOnce.Do(func() { t.shared = t.register(new(sync.Mutex)) })
	return t.shared
}

func (t *Tracer) register(mu *sync.Mutex) *Writer {
	w := &Writer{t: t, mu: mu, mask: t.size - 1, slots: make([]slot, t.size)}
	t.mu.Lock()
	old := *t.rings.Load()
	rings := make([]*Writer, len(old), len(old)+1)
	copy(rings, old)
	rings = append(rings, w)
	t.rings.Store(&rings)
	t.mu.Unlock()
	return w
}

func (t *Tracer) writers() []*Writer { return *t.rings.Load() }

// Overwritten returns how many events all rings have overwritten so far
// because they were full. Whether a given reader lost them depends on how
// far behind it was; Since reports that per reader.
func (t *Tracer) Overwritten() uint64 {
	var n uint64
	for _, w := range t.writers() {
		if done := w.head.Load() >> 1; done > t.size {
			n += done - t.size
		}
	}
	return n
}
