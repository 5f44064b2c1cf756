package socket

import (
	"context"
	"fmt"

	"github.com/skyconsole/skyconsole/runtime"
)

// start implements Server.Start.
func (s *sock) start(owner runtime.Handle) error {
	s.mu.Lock()
	if s.state != stateClosing && s.state != stateClosed {
		s.resumeLocked() // skynet resumes a paused socket with start
	}
	var err error
	switch s.state {
	case statePAccept:
		s.owner = owner
		s.state = stateConnected
		if err = s.emitLocked(runtime.SockConnect, 0, "start"); err == nil {
			s.beginReadLocked(s.conn)
			s.kickLocked()
		}
	case statePListen:
		s.owner = owner
		s.state = stateListen
		if err = s.emitLocked(runtime.SockConnect, 0, "start"); err == nil {
			s.reading = true
			ln := s.ln
			s.spawnLocked(func() { s.acceptLoop(ln) })
		}
	case stateConnected, stateListen:
		s.owner = owner
		err = s.emitLocked(runtime.SockConnect, 0, "transfer")
	case stateConnecting:
		s.owner = owner // the CONNECT will go to the new owner
	default:
		s.mu.Unlock()
		return fmt.Errorf("start socket %d: %w", s.id, ErrClosing)
	}
	s.mu.Unlock()
	if err != nil {
		s.finish(CloseOwnerGone, err)
		return fmt.Errorf("start socket %d: %w", s.id, ErrOwnerGone)
	}
	return nil
}

// dial completes a Connect on the socket's own goroutine.
func (s *sock) dial(ctx context.Context, addr string) {
	c, err := s.srv.opts.transport.Dial(ctx, addr)
	if err != nil {
		s.finish(CloseConnect, err)
		return
	}
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		_ = c.Close()
		return
	}
	s.conn = c
	s.local = c.LocalAddr().String()
	s.peer = c.RemoteAddr().String()
	if s.nodelay {
		_ = setNoDelay(c)
	}
	if s.state == stateClosing {
		// Close came while connecting with writes queued: flush them, then
		// end; the owner never saw the connection open, only its CLOSE.
		s.armCloseTimeoutLocked()
		s.kickLocked()
		s.mu.Unlock()
		return
	}
	s.state = stateConnected
	host, _ := splitAddr(s.peer)
	if err = s.emitLocked(runtime.SockConnect, 0, host); err == nil {
		s.beginReadLocked(c)
		s.kickLocked()
	}
	s.mu.Unlock()
	if err != nil {
		s.finish(CloseOwnerGone, err)
	}
}
