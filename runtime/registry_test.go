package runtime

import (
	"math"
	"sync"
	"testing"
)

func TestRegistryAllocStartsAtOneWithHarbor(t *testing.T) {
	var r registry
	var cs []*Context
	for i := range 3 {
		c := &Context{}
		h, err := r.alloc(7, c)
		if err != nil {
			t.Fatal(err)
		}
		if want := Handle(7<<24 | (i + 1)); h != want {
			t.Fatalf("handle %d = %s, want %s", i, h, want)
		}
		if c.handle != h {
			t.Fatalf("context handle %s, alloc returned %s", c.handle, h)
		}
		if r.get(h) != c {
			t.Fatalf("get(%s) does not return the allocated context", h)
		}
		cs = append(cs, c)
	}
	if n := r.live.Load(); n != 3 {
		t.Fatalf("live = %d, want 3", n)
	}
	if r.get(0) != nil {
		t.Fatal("handle 0 (the system) resolves to a context")
	}
	if !r.retire(cs[1].handle) {
		t.Fatal("retire of a live handle reported false")
	}
	if r.retire(cs[1].handle) {
		t.Fatal("second retire of the same handle reported true")
	}
	if r.get(cs[1].handle) != nil {
		t.Fatal("retired handle still resolves")
	}
	if n := r.live.Load(); n != 2 {
		t.Fatalf("live after retire = %d, want 2", n)
	}
	if r.retire(Handle(0x07abcdef)) {
		t.Fatal("retire of a never-allocated handle (missing page) reported true")
	}
}

// each visits live contexts in handle order across page boundaries and
// skips retired ones.
func TestRegistryEachInHandleOrder(t *testing.T) {
	var r registry
	const n = pageSize + pageSize/2
	for range n {
		if _, err := r.alloc(1, &Context{}); err != nil {
			t.Fatal(err)
		}
	}
	for idx := uint32(1); idx <= n; idx += 3 {
		r.retire(Handle(1<<24 | idx))
	}
	var got []Handle
	r.each(func(c *Context) { got = append(got, c.handle) })
	want := 0
	for idx := uint32(1); idx <= n; idx++ {
		if (idx-1)%3 != 0 {
			want++
		}
	}
	if len(got) != want {
		t.Fatalf("each visited %d contexts, want %d", len(got), want)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Fatalf("each out of order: %s after %s", got[i], got[i-1])
		}
	}
	for _, h := range got {
		if (uint32(h)&HandleMask-1)%3 == 0 {
			t.Fatalf("each visited retired handle %s", h)
		}
	}
}

func TestRegistryConcurrentAllocDistinct(t *testing.T) {
	var r registry
	const goroutines, each = 8, 300
	var mu sync.Mutex
	seen := map[Handle]bool{}
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				c := &Context{}
				h, err := r.alloc(1, c)
				if err != nil {
					t.Error(err)
					return
				}
				if r.get(h) != c {
					t.Error("get after alloc returned another context")
				}
				mu.Lock()
				if seen[h] {
					t.Errorf("handle %s allocated twice", h)
				}
				seen[h] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != goroutines*each || r.live.Load() != goroutines*each {
		t.Fatalf("%d distinct handles, live %d, want %d", len(seen), r.live.Load(), goroutines*each)
	}
}

func TestNewSessionStartsAtOneAndWraps(t *testing.T) {
	c := &Context{}
	for want := int32(1); want <= 3; want++ {
		if s := c.NewSession(); s != want {
			t.Fatalf("session = %d, want %d", s, want)
		}
	}
	c.session.Store(math.MaxInt32 - 1)
	for _, want := range []int32{math.MaxInt32, 1, 2} {
		if s := c.NewSession(); s != want {
			t.Fatalf("session near the wrap = %d, want %d", s, want)
		}
	}
}

// Sessions stay positive and unique when many goroutines cross the wrap.
func TestNewSessionConcurrentWrap(t *testing.T) {
	c := &Context{}
	const goroutines, each = 8, 1000
	c.session.Store(math.MaxInt32 - goroutines*each/2)
	var mu sync.Mutex
	seen := map[int32]bool{}
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]int32, 0, each)
			for range each {
				local = append(local, c.NewSession())
			}
			mu.Lock()
			defer mu.Unlock()
			for _, s := range local {
				if s <= 0 {
					t.Errorf("non-positive session %d", s)
				}
				if seen[s] {
					t.Errorf("session %d handed out twice", s)
				}
				seen[s] = true
			}
		}()
	}
	wg.Wait()
	if len(seen) != goroutines*each {
		t.Fatalf("%d distinct sessions, want %d", len(seen), goroutines*each)
	}
	if !seen[1] || !seen[math.MaxInt32] {
		t.Fatal("the run did not cross the wrap (1 and MaxInt32 both expected)")
	}
}

// TestRegistryWrapSkipsLiveHandles: after the 24-bit index wraps, a live
// service's slot is never handed out again.
func TestRegistryWrapSkipsLiveHandles(t *testing.T) {
	var r registry
	live := &Context{}
	h1, err := r.alloc(1, live)
	if err != nil {
		t.Fatal(err)
	}
	r.next = HandleMask // the next allocation wraps to index 1, which is live
	c := &Context{}
	h, err := r.alloc(1, c)
	if err != nil {
		t.Fatal(err)
	}
	if h == h1 || r.get(h1) != live || r.get(h) != c {
		t.Fatalf("wrap reused live handle %s (got %s)", h1, h)
	}
	if h != Handle(1<<24|2) {
		t.Fatalf("wrapped allocation = %s, want :01000002", h)
	}
}
