package runtime

// ServiceInfo is one service in a Snapshot.
type ServiceInfo struct {
	Handle   Handle
	Names    []string
	Module   string
	Args     string
	MQLen    int
	Messages uint64
	Endless  bool
	Stats    ServiceStats
}

// Snapshot is a consistent-enough copy of the node's state for readers
// (console, debug commands). Taking one never blocks a worker for long.
type Snapshot struct {
	Harbor   uint8
	Now      int64
	Threads  int
	Services []ServiceInfo
	Names    map[string]Handle
}

// Snapshot copies the current state.
func (n *Node) Snapshot() Snapshot {
	s := Snapshot{Harbor: n.harbor, Now: n.Now(), Threads: n.opts.Threads, Names: n.names.all()}
	n.reg.each(func(c *Context) {
		info := ServiceInfo{
			Handle:   c.handle,
			Names:    n.names.of(c.handle),
			Module:   c.module,
			Args:     c.args,
			MQLen:    c.mb.len(),
			Messages: c.stats.messages.Load(),
			Endless:  c.stats.endless.Load(),
		}
		if in, ok := c.impl.(Inspector); ok {
			info.Stats = in.Inspect()
		}
		s.Services = append(s.Services, info)
	})
	return s
}

// ServiceCount is the number of live services.
func (n *Node) ServiceCount() int { return int(n.reg.live.Load()) }
