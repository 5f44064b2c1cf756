package runtime

import (
	"fmt"
	"sort"
	"sync"
)

// names holds registered service names: ".local" names and, on a single
// node, the global ones (without a dot) too.
type names struct {
	mu     sync.RWMutex
	byName map[string]Handle
	byH    map[Handle][]string
}

func newNames() *names {
	return &names{byName: map[string]Handle{}, byH: map[Handle][]string{}}
}

func (ns *names) register(name string, h Handle) error {
	if name == "" || name == "." {
		return fmt.Errorf("register %q: %w", name, ErrBadName)
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if old, ok := ns.byName[name]; ok {
		return fmt.Errorf("register %q for %s (held by %s): %w", name, h, old, ErrNameTaken)
	}
	ns.byName[name] = h
	ns.byH[h] = append(ns.byH[h], name)
	return nil
}

func (ns *names) lookup(name string) (Handle, bool) {
	ns.mu.RLock()
	h, ok := ns.byName[name]
	ns.mu.RUnlock()
	return h, ok
}

func (ns *names) of(h Handle) []string {
	ns.mu.RLock()
	defer ns.mu.RUnlock()
	return ns.byH[h]
}

func (ns *names) drop(h Handle) {
	ns.mu.Lock()
	for _, n := range ns.byH[h] {
		if ns.byName[n] == h {
			delete(ns.byName, n)
		}
	}
	delete(ns.byH, h)
	ns.mu.Unlock()
}

func (ns *names) all() map[string]Handle {
	ns.mu.RLock()
	defer ns.mu.RUnlock()
	out := make(map[string]Handle, len(ns.byName))
	for k, v := range ns.byName {
		out[k] = v
	}
	return out
}

func sortedNames(m map[string]Handle) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// labels remember a display name for every handle ever launched, so trace
// readers can name services that have since exited.
type labels struct {
	mu sync.RWMutex
	m  map[Handle]string
}

func (l *labels) set(h Handle, name string) {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[Handle]string{}
	}
	l.m[h] = name
	l.mu.Unlock()
}

func (l *labels) get(h Handle) string {
	l.mu.RLock()
	s := l.m[h]
	l.mu.RUnlock()
	return s
}

// Label is the display name of h: its first registered name, else its
// launch name ("agent" for "snlua agent"), kept after the service exits.
func (n *Node) Label(h Handle) string { return n.labels.get(h) }

// Name implements tracer.Names.
func (n *Node) Name(h uint32) string { return n.labels.get(Handle(h)) }
