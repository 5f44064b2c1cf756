package socket

import (
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
)

// memAddr is an address of the in-memory transport ("mem:8888").
type memAddr string

func (a memAddr) Network() string { return "mem" }
func (a memAddr) String() string  { return string(a) }

// halfPipe is one direction of an in-memory connection: a bounded byte
// buffer standing in for the kernel's socket buffers, so that a write
// returns before the peer reads, as with TCP, until the buffer is full.
type halfPipe struct {
	mu      sync.Mutex
	buf     []byte
	head    int
	limit   int
	rclosed bool          // reading end closed: writes fail with EPIPE
	wclosed bool          // writing end closed: reads drain, then EOF
	changed chan struct{} // closed and replaced on every change
}

func newHalfPipe(limit int) *halfPipe {
	return &halfPipe{limit: limit, changed: make(chan struct{})}
}

func (h *halfPipe) notifyLocked() {
	close(h.changed)
	h.changed = make(chan struct{})
}

func (h *halfPipe) closeRead() {
	h.mu.Lock()
	h.rclosed = true
	h.notifyLocked()
	h.mu.Unlock()
}

func (h *halfPipe) closeWrite() {
	h.mu.Lock()
	h.wclosed = true
	h.notifyLocked()
	h.mu.Unlock()
}

// memConn is one end of an in-memory connection. It supports deadlines,
// which the Server uses for Close's flush timeout and for Abandon.
type memConn struct {
	in, out       *halfPipe
	local, remote memAddr

	closeOnce sync.Once
	closed    chan struct{}

	dlMu      sync.Mutex
	rdl, wdl  time.Time
	dlChanged chan struct{}
}

// newMemPipe returns the two ends of a connection with size bytes of
// buffer in each direction.
func newMemPipe(a, b memAddr, size int) (*memConn, *memConn) {
	ab, ba := newHalfPipe(size), newHalfPipe(size)
	ca := &memConn{in: ba, out: ab, local: a, remote: b, closed: make(chan struct{}), dlChanged: make(chan struct{})}
	cb := &memConn{in: ab, out: ba, local: b, remote: a, closed: make(chan struct{}), dlChanged: make(chan struct{})}
	return ca, cb
}

var _ net.Conn = (*memConn)(nil)

func (c *memConn) opErr(op string, err error) error {
	return &net.OpError{Op: op, Net: "mem", Source: c.local, Addr: c.remote, Err: err}
}

func (c *memConn) isClosed() bool {
	select {
	case <-c.closed:
		return true
	default:
		return false
	}
}

// Read returns buffered bytes, waiting for some if there are none.
func (c *memConn) Read(p []byte) (int, error) {
	h := c.in
	for {
		if c.isClosed() {
			return 0, c.opErr("read", net.ErrClosed)
		}
		h.mu.Lock()
		if h.head < len(h.buf) {
			n := copy(p, h.buf[h.head:])
			h.head += n
			if h.head == len(h.buf) {
				h.buf, h.head = h.buf[:0], 0
			}
			h.notifyLocked()
			h.mu.Unlock()
			return n, nil
		}
		if h.wclosed {
			h.mu.Unlock()
			return 0, io.EOF
		}
		ch := h.changed
		h.mu.Unlock()
		if len(p) == 0 {
			return 0, nil
		}
		if err := c.wait(ch, true); err != nil {
			return 0, c.opErr("read", err)
		}
	}
}

// Write copies p into the peer's buffer, waiting for room when it is full.
func (c *memConn) Write(p []byte) (int, error) {
	h := c.out
	total := 0
	for len(p) > 0 {
		if c.isClosed() {
			return total, c.opErr("write", net.ErrClosed)
		}
		h.mu.Lock()
		if h.rclosed {
			h.mu.Unlock()
			return total, c.opErr("write", syscall.EPIPE)
		}
		if room := h.limit - (len(h.buf) - h.head); room > 0 {
			n := min(room, len(p))
			if h.head > 0 && len(h.buf)+n > cap(h.buf) {
				h.buf = h.buf[:copy(h.buf, h.buf[h.head:])]
				h.head = 0
			}
			h.buf = append(h.buf, p[:n]...)
			p = p[n:]
			total += n
			h.notifyLocked()
			h.mu.Unlock()
			continue
		}
		ch := h.changed
		h.mu.Unlock()
		if err := c.wait(ch, false); err != nil {
			return total, c.opErr("write", err)
		}
	}
	return total, nil
}

// wait blocks until ch changes, a deadline changes or passes, or the conn
// closes.
func (c *memConn) wait(ch <-chan struct{}, read bool) error {
	c.dlMu.Lock()
	d := c.wdl
	if read {
		d = c.rdl
	}
	dch := c.dlChanged
	c.dlMu.Unlock()
	var expire <-chan time.Time
	if !d.IsZero() {
		left := time.Until(d)
		if left <= 0 {
			return os.ErrDeadlineExceeded
		}
		t := time.NewTimer(left)
		defer t.Stop()
		expire = t.C
	}
	select {
	case <-ch:
	case <-dch:
	case <-c.closed:
	case <-expire:
		return os.ErrDeadlineExceeded
	}
	return nil
}

// Close ends both directions: the peer reads what is buffered, then EOF,
// and its writes fail with EPIPE.
func (c *memConn) Close() error {
	err := c.opErr("close", net.ErrClosed)
	c.closeOnce.Do(func() {
		err = nil
		close(c.closed)
		c.in.closeRead()
		c.out.closeWrite()
	})
	return err
}

func (c *memConn) LocalAddr() net.Addr  { return c.local }
func (c *memConn) RemoteAddr() net.Addr { return c.remote }

func (c *memConn) SetDeadline(t time.Time) error {
	c.setDeadline(t, true, true)
	return nil
}

func (c *memConn) SetReadDeadline(t time.Time) error {
	c.setDeadline(t, true, false)
	return nil
}

func (c *memConn) SetWriteDeadline(t time.Time) error {
	c.setDeadline(t, false, true)
	return nil
}

func (c *memConn) setDeadline(t time.Time, read, write bool) {
	c.dlMu.Lock()
	if read {
		c.rdl = t
	}
	if write {
		c.wdl = t
	}
	close(c.dlChanged)
	c.dlChanged = make(chan struct{})
	c.dlMu.Unlock()
}
