package runtime

import "time"

// monitorLoop is skynet's monitor thread: a dispatch that runs longer than
// EndlessAfterNs is reported once, and the service is marked so snapshots
// show it. Interrupting it is `signal` (or kill).
func (n *Node) monitorLoop() {
	period := time.Duration(n.opts.EndlessAfterNs) / 5
	if period < 10*time.Millisecond {
		period = 10 * time.Millisecond
	}
	tk := time.NewTicker(period)
	defer tk.Stop()
	for {
		select {
		case <-n.quit:
			return
		case <-tk.C:
		}
		now := n.coarse.Load()
		for _, w := range n.workers {
			from := w.busyFrom.Load()
			if from == 0 || now-from < n.opts.EndlessAfterNs {
				continue
			}
			v := w.version.Load()
			if w.reported.Swap(v) == v {
				continue
			}
			src, dst := Handle(w.busySrc.Load()), Handle(w.busyDst.Load())
			if c := n.reg.get(dst); c != nil {
				c.stats.endless.Store(true)
			}
			n.logf(0, "A message from [ %s ] to [ %s ] maybe in an endless loop (version = %d)", src, dst, v)
		}
	}
}
