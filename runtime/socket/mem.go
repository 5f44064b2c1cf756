package socket

import (
	"context"
	"net"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// MemTransport is an in-memory Transport for deterministic runs: listeners
// are names in a table of this transport value (no global state), and
// connections are buffered pipes that behave like TCP as the Server sees
// it: writes return once buffered, a closed peer reads as EOF, writing to
// it fails with EPIPE, deadlines work. Addresses look like TCP ones
// ("mem:8888", "127.0.0.1:9000"); port 0 picks a free port. Dialling an
// address nobody listens on fails with ECONNREFUSED.
type MemTransport struct {
	mu        sync.Mutex
	listeners map[string]*memListener
	nextPort  int
	bufSize   int
}

// MemBufferSize is the buffer of each direction of a memory connection,
// about what a loopback TCP socket holds before a writer blocks.
const MemBufferSize = 256 << 10

const (
	memFirstPort   = 49152
	memLastPort    = 65535
	defaultBacklog = 128
)

var _ Transport = (*MemTransport)(nil)

// NewMemTransport returns an empty in-memory network.
func NewMemTransport() *MemTransport {
	return &MemTransport{listeners: map[string]*memListener{}, nextPort: memFirstPort, bufSize: MemBufferSize}
}

// portLocked hands out the next ephemeral port number.
func (t *MemTransport) portLocked() string {
	p := t.nextPort
	t.nextPort++
	if t.nextPort > memLastPort {
		t.nextPort = memFirstPort
	}
	return strconv.Itoa(p)
}

// Listen registers addr. backlog bounds the connections waiting for
// Accept (128 when <= 0); further dials wait for room.
func (t *MemTransport) Listen(ctx context.Context, addr string, backlog int) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &net.OpError{Op: "listen", Net: "mem", Addr: memAddr(addr), Err: err}
	}
	if backlog <= 0 {
		backlog = defaultBacklog
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	key := net.JoinHostPort(host, port)
	if port == "0" {
		for range memLastPort - memFirstPort + 1 {
			key = net.JoinHostPort(host, t.portLocked())
			if t.listeners[key] == nil {
				break
			}
		}
	}
	if t.listeners[key] != nil {
		return nil, &net.OpError{Op: "listen", Net: "mem", Addr: memAddr(key), Err: syscall.EADDRINUSE}
	}
	l := &memListener{t: t, addr: memAddr(key), backlog: backlog, changed: make(chan struct{})}
	t.listeners[key] = l
	return l, nil
}

// Dial connects to a listener of this transport.
func (t *MemTransport) Dial(ctx context.Context, addr string) (net.Conn, error) {
	t.mu.Lock()
	l := t.listeners[addr]
	host, _, _ := net.SplitHostPort(addr)
	local := memAddr(net.JoinHostPort(host, t.portLocked()))
	t.mu.Unlock()
	refused := &net.OpError{Op: "dial", Net: "mem", Source: local, Addr: memAddr(addr), Err: syscall.ECONNREFUSED}
	if l == nil {
		return nil, refused
	}
	client, server := newMemPipe(local, l.addr, t.bufSize)
	if err := l.enqueue(ctx, server); err != nil {
		if ctx.Err() != nil {
			refused.Err = ctx.Err()
		}
		return nil, refused
	}
	return client, nil
}

func (t *MemTransport) remove(l *memListener) {
	t.mu.Lock()
	if t.listeners[string(l.addr)] == l {
		delete(t.listeners, string(l.addr))
	}
	t.mu.Unlock()
}

// memListener queues dialled connections until Accept takes them.
type memListener struct {
	t       *MemTransport
	addr    memAddr
	backlog int

	mu       sync.Mutex
	queue    []net.Conn
	closed   bool
	deadline time.Time
	changed  chan struct{} // closed and replaced on every change
}

func (l *memListener) notifyLocked() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// enqueue waits for room in the backlog.
func (l *memListener) enqueue(ctx context.Context, c net.Conn) error {
	l.mu.Lock()
	for {
		if l.closed {
			l.mu.Unlock()
			return net.ErrClosed
		}
		if len(l.queue) < l.backlog {
			l.queue = append(l.queue, c)
			l.notifyLocked()
			l.mu.Unlock()
			return nil
		}
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		l.mu.Lock()
	}
}

// Accept takes the oldest waiting connection.
func (l *memListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	for {
		if l.closed {
			l.mu.Unlock()
			return nil, &net.OpError{Op: "accept", Net: "mem", Addr: l.addr, Err: net.ErrClosed}
		}
		if len(l.queue) > 0 {
			c := l.queue[0]
			l.queue[0] = nil
			l.queue = l.queue[1:]
			l.notifyLocked()
			l.mu.Unlock()
			return c, nil
		}
		ch, d := l.changed, l.deadline
		l.mu.Unlock()
		if !waitChange(ch, d) {
			return nil, &net.OpError{Op: "accept", Net: "mem", Addr: l.addr, Err: os.ErrDeadlineExceeded}
		}
		l.mu.Lock()
	}
}

// SetDeadline bounds Accept, like (*net.TCPListener).SetDeadline.
func (l *memListener) SetDeadline(t time.Time) error {
	l.mu.Lock()
	l.deadline = t
	l.notifyLocked()
	l.mu.Unlock()
	return nil
}

// Close frees the address and resets the connections still waiting.
func (l *memListener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return &net.OpError{Op: "close", Net: "mem", Addr: l.addr, Err: net.ErrClosed}
	}
	l.closed = true
	pending := l.queue
	l.queue = nil
	l.notifyLocked()
	l.mu.Unlock()
	l.t.remove(l)
	for _, c := range pending {
		_ = c.Close()
	}
	return nil
}

func (l *memListener) Addr() net.Addr { return l.addr }

// waitChange waits for ch to be closed and reports false when the
// deadline d (if set) passes first.
func waitChange(ch <-chan struct{}, d time.Time) bool {
	if d.IsZero() {
		<-ch
		return true
	}
	left := time.Until(d)
	if left <= 0 {
		return false
	}
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}
