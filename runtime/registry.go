package runtime

import (
	"sync"
	"sync/atomic"
)

const (
	pageBits  = 12
	pageSize  = 1 << pageBits
	pageCount = (HandleMask + 1) >> pageBits
)

type handlePage [pageSize]atomic.Pointer[Context]

// registry maps handles to live contexts. Lookups are two atomic loads and
// never lock, because every send does one.
type registry struct {
	mu    sync.Mutex
	pages [pageCount]atomic.Pointer[handlePage]
	next  uint32
	live  atomic.Int64
}

// alloc reserves the next handle index (skynet starts at 1; 0 is the system).
func (r *registry) alloc(harbor uint8, c *Context) (Handle, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// After 2^24 launches the index wraps; like skynet, skip slots still
	// in use rather than overwrite a live service.
	for tries := 0; tries < HandleMask; tries++ {
		r.next++
		idx := r.next & HandleMask
		if idx == 0 {
			continue
		}
		p := r.pages[idx>>pageBits].Load()
		if p == nil {
			p = new(handlePage)
			r.pages[idx>>pageBits].Store(p)
		}
		slot := &p[idx&(pageSize-1)]
		if slot.Load() != nil {
			continue
		}
		h := Handle(uint32(harbor)<<24 | idx)
		c.handle = h
		slot.Store(c)
		r.live.Add(1)
		return h, nil
	}
	return 0, ErrTooManyServices
}

func (r *registry) get(h Handle) *Context {
	idx := uint32(h) & HandleMask
	p := r.pages[idx>>pageBits].Load()
	if p == nil {
		return nil
	}
	// The slot is keyed by the local index only: a handle of another
	// harbor with the same index is not this service.
	if c := p[idx&(pageSize-1)].Load(); c != nil && c.handle == h {
		return c
	}
	return nil
}

// retire removes h so later sends become dead letters.
func (r *registry) retire(h Handle) bool {
	idx := uint32(h) & HandleMask
	p := r.pages[idx>>pageBits].Load()
	if p == nil {
		return false
	}
	slot := &p[idx&(pageSize-1)]
	if c := slot.Load(); c == nil || c.handle != h || !slot.CompareAndSwap(c, nil) {
		return false
	}
	r.live.Add(-1)
	return true
}

// each calls f for every live context in handle order.
func (r *registry) each(f func(*Context)) {
	r.mu.Lock()
	last := r.next
	r.mu.Unlock()
	for idx := uint32(1); idx <= last && idx <= HandleMask; idx++ {
		p := r.pages[idx>>pageBits].Load()
		if p == nil {
			idx |= pageSize - 1
			continue
		}
		if c := p[idx&(pageSize-1)].Load(); c != nil {
			f(c)
		}
	}
}
