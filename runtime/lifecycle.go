package runtime

import (
	"fmt"
	"time"
)

// Kill stops a service: its handle is retired at once (later sends are dead
// letters), running code is cancelled, queued requests are answered with
// PTYPE_ERROR, blocked handlers are woken with an error and unwind, and
// then the service is released. It may be called from any goroutine,
// including the service's own handler (skynet.exit).
func (n *Node) Kill(h Handle) error {
	c := n.reg.get(h)
	if c == nil {
		return fmt.Errorf("kill %s: %w", h, ErrUnknownAddress)
	}
	n.kill(c)
	return nil
}

func (n *Node) kill(c *Context) {
	if !c.dead.CompareAndSwap(false, true) {
		return
	}
	n.reg.retire(c.handle)
	if k, ok := c.impl.(Killer); ok {
		k.Kill()
	}
	// I/O owners drop what the service held right away, so that, say, a
	// gate started right after this kill can bind the same port.
	for _, f := range n.exitHooks() {
		f(c.handle)
	}
	// skynet's exit monitor hears of every exit as an empty CLIENT message
	// from the service that ended.
	if m := Handle(n.exitMonitor.Load()); m != 0 && m != c.handle {
		_ = n.Send(c.handle, m, PTypeClient, 0, nil)
	}
	if c.mb.pushCtl(ctlKill) {
		n.runq.push(c)
	}
}

// control runs a control-lane command; the caller holds c.
func (n *Node) control(c *Context, ctl ctlKind) {
	if ctl != ctlKill {
		return
	}
	// Drop what is queued, answering requests, then wake every blocked
	// handler with an error so it unwinds; the loop dispatches those first.
	for _, m := range c.mb.drain() {
		if !m.Type.IsReply() {
			n.deadLetter(m.Source, c.handle, m, "service killed")
		}
	}
	for s := range c.parked {
		c.mb.pushFront(Message{Type: PTypeError, Session: s, Source: c.handle})
	}
}

// maybeFinalize releases a dead service once no handler of it is blocked.
func (n *Node) maybeFinalize(c *Context) {
	if c.finalized || len(c.parked) > 0 {
		return
	}
	n.finalize(c)
}

func (n *Node) finalize(c *Context) {
	c.finalized = true
	c.closeMessageLog(n.Now())
	c.impl.Release(c)
	for _, m := range c.mb.close() {
		if !m.Type.IsReply() {
			n.deadLetter(m.Source, c.handle, m, "service killed")
		}
	}
	n.names.drop(c.handle)
	close(c.done)
}

// SetExitMonitor makes h the service told of every exit (skynet.monitor):
// it receives an empty PTYPE_CLIENT message whose source is the service
// that ended. 0 turns it off.
func (n *Node) SetExitMonitor(h Handle) { n.exitMonitor.Store(uint32(h)) }

// OnExit registers f to run each time a service is killed or exits, in the
// goroutine that killed it, before Kill returns; I/O owners use it to drop
// what the service held. f must not block.
func (n *Node) OnExit(f func(Handle)) {
	n.hookMu.Lock()
	n.onExit = append(n.onExit, f)
	n.hookMu.Unlock()
}

func (n *Node) exitHooks() []func(Handle) {
	n.hookMu.Lock()
	defer n.hookMu.Unlock()
	return n.onExit
}

// Abort stops the whole node from inside a service (skynet.abort) without
// waiting: the caller's own handler still has to unwind.
func (n *Node) Abort(code int) {
	n.exitCode.Store(int32(code))
	go n.Stop()
}

// Stop kills every service, the logger last so it can print the others'
// last words, then stops the workers. It waits at most a few seconds for
// services to unwind.
func (n *Node) Stop() {
	n.stopOnce.Do(func() {
		n.stopping.Store(true)
		var all []*Context
		n.reg.each(func(c *Context) { all = append(all, c) })
		lh := Handle(n.loggerHandle.Load())
		var logger *Context
		deadline := time.After(5 * time.Second)
		for i := len(all) - 1; i >= 0; i-- {
			if all[i].handle == lh {
				logger = all[i]
				continue
			}
			n.kill(all[i])
		}
		for _, c := range all {
			if c == logger {
				continue
			}
			select {
			case <-c.done:
			case <-deadline:
			}
		}
		if logger != nil {
			// Let the logger print what the others said before it goes.
			for logger.mb.len() > 0 {
				select {
				case <-deadline:
				case <-time.After(time.Millisecond):
					continue
				}
				break
			}
			n.kill(logger)
			select {
			case <-logger.done:
			case <-deadline:
			}
		}
		close(n.quit)
		n.runq.stop()
		n.spareMu.Lock()
		spares := n.spares
		n.spares = nil
		n.sparesClosed = true
		n.spareMu.Unlock()
		for _, s := range spares {
			s.w = nil
			s.wake <- struct{}{}
		}
		n.wg.Wait()
		close(n.done)
	})
}

func (n *Node) workerExit(w *worker) { n.wg.Done() }
