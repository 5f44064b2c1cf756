package socket

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// ErrCannotBind: Bind was asked for a descriptor the server does not
// offer. Only the node's standard input (fd 0) can be bound, and only
// when the server was given one with WithStdin.
var ErrCannotBind = errors.New("socket: only stdin (fd 0) can be bound, and only when the node was started with its stdin")

// ErrStdinBound: stdin already belongs to a live socket; two readers
// would split its lines between them.
var ErrStdinBound = errors.New("socket: stdin is already bound")

// WithStdin lets services bind r as fd 0 (skynet's socket.stdin): the
// console service reads lines typed at the node's terminal from it. Without
// this option Bind refuses, so a node under a TUI or in a test never
// competes for the terminal.
func WithStdin(r io.Reader) Option { return func(o *options) { o.stdin = r } }

// Bind makes a socket of an OS descriptor the server offers, as skynet's
// socket bind does; only fd 0 with WithStdin. Like an accepted
// connection it is not read until Start; its DATA events carry what was
// read, and the end of input gives CLOSE. It cannot be written to.
func (srv *Server) Bind(owner runtime.Handle, fd int) (int, error) {
	if owner == 0 {
		return 0, fmt.Errorf("bind fd %d: %w", fd, ErrNoOwner)
	}
	if fd != 0 || srv.opts.stdin == nil {
		return 0, fmt.Errorf("bind fd %d: %w", fd, ErrCannotBind)
	}
	in := srv.stdin.get(srv.opts.stdin)
	if !in.claim() {
		return 0, fmt.Errorf("bind fd %d: %w", fd, ErrStdinBound)
	}
	s := newSock(srv, KindBind, statePAccept, owner)
	c := &stdinConn{in: in, closed: make(chan struct{})}
	s.conn = c
	s.local, s.peer = "stdin", "stdin"
	id, err := srv.table.add(s)
	if err != nil {
		_ = c.Close()
		return 0, fmt.Errorf("bind fd %d: %w", fd, err)
	}
	return int(id), nil
}

// stdinPump reads the node's stdin on a goroutine of its own. A read of a
// terminal cannot be interrupted, so the pump is not one of the server's
// goroutines (Stop does not wait for it); it ends with the input or with
// the process, and a socket bound to it ends at once by closing its side.
type stdinPump struct {
	once   sync.Once
	chunks chan []byte // closed at the end of input
	mu     sync.Mutex
	bound  bool
	rest   []byte // read but not yet taken (the previous socket closed)
	err    error  // why the input ended
}

func (p *stdinPump) get(r io.Reader) *stdinPump {
	p.once.Do(func() {
		p.chunks = make(chan []byte)
		go p.run(r)
	})
	return p
}

func (p *stdinPump) run(r io.Reader) {
	for {
		buf := make([]byte, 4096)
		n, err := r.Read(buf)
		if n > 0 {
			p.chunks <- buf[:n]
		}
		if err != nil {
			p.mu.Lock()
			p.err = err
			p.mu.Unlock()
			close(p.chunks)
			return
		}
	}
}

func (p *stdinPump) claim() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bound {
		return false
	}
	p.bound = true
	return true
}

// stdinConn is the net.Conn a bound stdin socket reads: the pump's chunks.
type stdinConn struct {
	in      *stdinPump
	closed  chan struct{}
	closeMu sync.Once
}

func (c *stdinConn) Read(b []byte) (int, error) {
	c.in.mu.Lock()
	if len(c.in.rest) > 0 {
		n := copy(b, c.in.rest)
		c.in.rest = c.in.rest[n:]
		c.in.mu.Unlock()
		return n, nil
	}
	c.in.mu.Unlock()
	select {
	case chunk, ok := <-c.in.chunks:
		if !ok {
			return 0, io.EOF
		}
		select {
		case <-c.closed:
			// Closed meanwhile: keep the chunk for the next Bind.
			c.in.mu.Lock()
			c.in.rest = append(c.in.rest, chunk...)
			c.in.mu.Unlock()
			return 0, net.ErrClosed
		default:
		}
		n := copy(b, chunk)
		if n < len(chunk) {
			c.in.mu.Lock()
			c.in.rest = append(c.in.rest, chunk[n:]...)
			c.in.mu.Unlock()
		}
		return n, nil
	case <-c.closed:
		return 0, net.ErrClosed
	}
}

func (c *stdinConn) Write([]byte) (int, error) {
	return 0, errors.New("stdin is read-only")
}

// Close releases stdin for a later Bind; the pump keeps what it reads.
func (c *stdinConn) Close() error {
	c.closeMu.Do(func() {
		close(c.closed)
		c.in.mu.Lock()
		c.in.bound = false
		c.in.mu.Unlock()
	})
	return nil
}

type stdinAddr struct{}

func (stdinAddr) Network() string { return "stdin" }
func (stdinAddr) String() string  { return "stdin" }

func (c *stdinConn) LocalAddr() net.Addr              { return stdinAddr{} }
func (c *stdinConn) RemoteAddr() net.Addr             { return stdinAddr{} }
func (c *stdinConn) SetDeadline(time.Time) error      { return nil }
func (c *stdinConn) SetReadDeadline(time.Time) error  { return nil }
func (c *stdinConn) SetWriteDeadline(time.Time) error { return nil }
