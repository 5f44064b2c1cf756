package socket

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// Server is a node's socket server: skynet's socket_server. It owns every
// socket of the node and reports what happens to them as PTYPE_SOCKET
// messages. Every method is safe for concurrent use and returns without
// waiting for I/O, so service handlers may call it.
type Server struct {
	node   *runtime.Node
	opts   options
	table  table
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
	poll   pollerState
	stdin  stdinPump
}

// New creates the socket server of node.
func New(node *runtime.Node, opts ...Option) *Server {
	o := defaults()
	for _, f := range opts {
		f(&o)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{node: node, opts: o, table: newTable(o.maxSockets), ctx: ctx, cancel: cancel}
}

// Stop closes every socket without telling the owners (the node is
// usually stopping with them), refuses new ones and waits until all the
// server's goroutines have returned.
func (srv *Server) Stop() {
	srv.once.Do(func() {
		for _, s := range srv.table.shut() {
			s.finish(CloseServerStopped, nil)
		}
		srv.poll.stop()
		srv.cancel()
		srv.wg.Wait()
	})
}

// lookup finds a live socket.
func (srv *Server) lookup(op string, id int) (*sock, error) {
	if s := srv.table.get(int32(id)); s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("%s socket %d: %w", op, id, ErrUnknownSocket)
}

// Listen binds addr at once and reports the result to owner with a CONNECT
// event (ud = bound port, payload = bound host), as skynet's listen does.
// The listener accepts nothing until Start. An address without a host
// binds 127.0.0.1. backlog is passed to the transport.
func (srv *Server) Listen(owner runtime.Handle, addr string, backlog int) (int, error) {
	if owner == 0 {
		return 0, fmt.Errorf("listen %s: %w", addr, ErrNoOwner)
	}
	addr = withHost(addr)
	ln, err := srv.opts.transport.Listen(srv.ctx, addr, backlog)
	if err != nil {
		return 0, fmt.Errorf("listen %s: %w", addr, err)
	}
	s := newSock(srv, KindListen, statePListen, owner)
	s.ln = ln
	s.local = ln.Addr().String()
	id, err := srv.table.add(s)
	if err != nil {
		_ = ln.Close()
		return 0, fmt.Errorf("listen %s: %w", addr, err)
	}
	host, port := splitAddr(s.local)
	s.mu.Lock()
	err = s.emitLocked(runtime.SockConnect, int32(port), host)
	s.mu.Unlock()
	if err != nil {
		s.finish(CloseOwnerGone, err)
		return 0, fmt.Errorf("listen %s: %w", addr, ErrOwnerGone)
	}
	return int(id), nil
}

// Connect starts connecting to addr and returns the new id at once. The
// owner receives CONNECT (payload = peer host) when the connection is up,
// or ERROR ("connect: ...") when it failed. A connected socket is read at
// once, without Start, as in skynet. Writes before the CONNECT are queued.
func (srv *Server) Connect(owner runtime.Handle, addr string) (int, error) {
	if owner == 0 {
		return 0, fmt.Errorf("connect %s: %w", addr, ErrNoOwner)
	}
	addr = withHost(addr)
	s := newSock(srv, KindTCP, stateConnecting, owner)
	s.peer = addr
	ctx, cancel := context.WithCancel(srv.ctx)
	s.cancel = cancel
	id, err := srv.table.add(s)
	if err != nil {
		cancel()
		return 0, fmt.Errorf("connect %s: %w", addr, err)
	}
	s.mu.Lock()
	if s.state != stateClosed {
		s.spawnLocked(func() { s.dial(ctx, addr) })
	}
	s.mu.Unlock()
	return int(id), nil
}

// Start begins reading an accepted connection or accepting on a listener,
// and makes owner the socket's owner. owner first receives CONNECT with
// payload "start", as from skynet's socket start; writes queued before are
// flushed now. On a socket already started Start only moves it to owner
// (CONNECT "transfer") and resumes it if paused. On an unknown id owner
// receives ERROR, so that a caller waiting for the CONNECT wakes up.
func (srv *Server) Start(owner runtime.Handle, id int) error {
	if owner == 0 {
		return fmt.Errorf("start socket %d: %w", id, ErrNoOwner)
	}
	s, err := srv.lookup("start", id)
	if err != nil {
		msg := runtime.AppendSocketHeader(nil, runtime.SockError, int32(id), 0)
		msg = append(msg, "error: invalid socket"...)
		_ = srv.node.Send(0, owner, runtime.PTypeSocket, 0, msg)
		return err
	}
	return s.start(owner)
}

// Write queues data for the connection and returns at once; the Server
// owns data from now on, so the caller must not change it. Writes to an
// accepted socket before Start are kept and flushed on Start; skynet drops
// them silently, which loses e.g. the examples' first heartbeat. Crossing
// the soft limit sends WARNING (ud = KB buffered) and doubles the
// threshold; a WARNING with ud 0 follows when the buffer drains. Crossing
// the hard limit closes the connection with CloseWriteLimit.
func (srv *Server) Write(id int, data []byte) error {
	s, err := srv.lookup("write to", id)
	if err != nil {
		return err
	}
	if s.kind == KindUDP {
		return s.sendDatagram(nil, data)
	}
	return s.write(data)
}

// Close closes a socket after its buffered writes are flushed; the owner
// receives CLOSE. Data read meanwhile is dropped. A flush that makes no
// progress for the close timeout ends with ERROR "timeout: ...".
func (srv *Server) Close(id int) error {
	s, err := srv.lookup("close", id)
	if err != nil {
		return err
	}
	s.close()
	return nil
}

// Shutdown closes a socket at once, dropping buffered writes; the owner
// receives CLOSE.
func (srv *Server) Shutdown(id int) error {
	s, err := srv.lookup("shutdown", id)
	if err != nil {
		return err
	}
	s.finish(CloseShutdown, nil)
	return nil
}

// NoDelay disables Nagle's algorithm on the connection (Go's TCP already
// does by default; this keeps skynet's call meaningful on other
// transports and for connections still connecting).
func (srv *Server) NoDelay(id int) error {
	s, err := srv.lookup("nodelay", id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.nodelay = true
	c := s.conn
	s.mu.Unlock()
	return setNoDelay(c)
}

func setNoDelay(c any) error {
	if nd, ok := c.(interface{ SetNoDelay(bool) error }); ok {
		return nd.SetNoDelay(true)
	}
	return nil
}

// Pause stops reading (or accepting) after the read in progress, so the
// peer is slowed down by the transport's flow control. Resume or Start
// continues.
func (srv *Server) Pause(id int) error {
	s, err := srv.lookup("pause", id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == stateClosing || s.state == stateClosed {
		return fmt.Errorf("pause socket %d: %w", id, ErrClosing)
	}
	if !s.paused {
		s.paused = true
		s.resume = make(chan struct{})
		s.pollPauseLocked()
	}
	return nil
}

// Resume continues a paused socket.
func (srv *Server) Resume(id int) error {
	s, err := srv.lookup("resume", id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.resumeLocked()
	s.mu.Unlock()
	return nil
}

// Abandon forgets a socket without closing its OS side and hands that
// back: the net.Conn or net.Listener, or nil for a socket still
// connecting. No event is sent; buffered writes are dropped and so is a
// read that completes while the socket's goroutines are being stopped.
// Those goroutines are interrupted with a past deadline, which returns them
// at once, and Abandon waits for them so the caller owns the resource
// alone; the deadlines are cleared again before it is returned.
func (srv *Server) Abandon(id int) (io.Closer, error) {
	s, err := srv.lookup("abandon", id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		return nil, fmt.Errorf("abandon socket %d: %w", id, ErrUnknownSocket)
	}
	ld, canStop := s.ln.(interface{ SetDeadline(time.Time) error })
	if s.ln != nil && s.reading && !canStop {
		s.mu.Unlock()
		return nil, fmt.Errorf("abandon socket %d: %w", id, ErrCannotAbandon)
	}
	s.endLocked()
	conn, ln, pc, cancel := s.conn, s.ln, s.pc, s.cancel
	s.mu.Unlock()
	srv.table.remove(s.id, s)
	if cancel != nil {
		cancel()
	}
	past := time.Unix(1, 0)
	if conn != nil {
		_ = conn.SetDeadline(past)
	}
	if pc != nil {
		_ = pc.SetDeadline(past)
	}
	if ld != nil {
		_ = ld.SetDeadline(past)
	}
	s.wg.Wait()
	s.wio.Lock() // a write of the poller's writer in progress
	s.wio.Unlock()
	switch {
	case conn != nil:
		_ = conn.SetDeadline(time.Time{})
		return conn, nil
	case pc != nil:
		_ = pc.SetDeadline(time.Time{})
		return pc, nil
	case ln != nil:
		if ld != nil {
			_ = ld.SetDeadline(time.Time{})
		}
		return ln, nil
	}
	return nil, nil
}

// CloseOwner ends every socket owned by h without telling anyone: the
// owner has exited. skynet leaves such sockets open (a killed gate keeps
// its port); closing them is what lets a restarted gate bind again.
func (srv *Server) CloseOwner(h runtime.Handle) int {
	n := 0
	for _, s := range srv.table.all() {
		s.mu.Lock()
		mine := s.owner == h
		s.mu.Unlock()
		if mine {
			s.finish(CloseOwnerGone, nil)
			n++
		}
	}
	return n
}
