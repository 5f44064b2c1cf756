package socket

import (
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// acceptBackoff is the pause after the system refused an accept for lack
// of descriptors; the listener stays open, as in skynet.
const acceptBackoff = 50 * time.Millisecond

// acceptLoop turns accepted connections into ACCEPT events.
func (s *sock) acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if s.stopped() {
				return
			}
			if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
				s.srv.node.Log(0, fmt.Sprintf("socket: accept on %d: %v", s.id, err))
				select {
				case <-s.stop:
					return
				case <-time.After(acceptBackoff):
				}
				continue
			}
			s.finish(reasonFor(err), err)
			return
		}
		if !s.accepted(c) {
			return
		}
		if !s.waitResumed() {
			return
		}
	}
}

// accepted registers c as a new socket in the accepted-but-not-started
// state and tells the listener's owner. It reports whether to go on.
func (s *sock) accepted(c net.Conn) bool {
	s.mu.Lock()
	if s.state != stateListen {
		s.mu.Unlock()
		_ = c.Close()
		return false
	}
	ns := newSock(s.srv, KindTCP, statePAccept, s.owner)
	ns.conn = c
	ns.local = c.LocalAddr().String()
	ns.peer = c.RemoteAddr().String()
	id, err := s.srv.table.add(ns)
	if err != nil {
		s.mu.Unlock()
		_ = c.Close()
		if errors.Is(err, ErrServerClosed) {
			return false
		}
		s.srv.node.Log(0, fmt.Sprintf("socket: refused %s on %d: %v", ns.peer, s.id, err))
		return true
	}
	err = s.emitLocked(runtime.SockAccept, id, ns.peer)
	s.mu.Unlock()
	if err != nil {
		ns.finish(CloseOwnerGone, err)
		s.finish(CloseOwnerGone, err)
		return false
	}
	return true
}
