//go:build linux

package socket

import (
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/skyconsole/skyconsole/runtime"
)

// poller reads every started TCP connection of a server from one
// goroutine, as skynet's socket thread does, instead of one reader
// goroutine per connection.
//
// Why: with a reader per connection Go's network poller makes two read
// calls per frame on a request/response connection (the read that gets the
// data and the read that returns EAGAIN before the goroutine parks), plus a
// park and a wake-up. Here the connections sit in a level-triggered epoll
// set: one read per readiness, and a read shorter than the buffer means the
// socket was drained, so no EAGAIN read is needed. A FIN arriving with the
// last data still shows as readable afterwards (level-triggered), so the
// end of the stream is never missed.
//
// The epoll descriptor itself is handed to Go's network poller (an epoll
// set is readable while it has ready events), so the loop goroutine parks
// like any other reader rather than holding a thread in epoll_wait.
//
// Each read happens under the socket's lock with the socket not closed, so
// the descriptor cannot be closed (and its number reused) during the read,
// and Pause, Abandon and the end of a socket take effect at once. A socket
// leaves the set under that same lock before its descriptor is closed.
type poller struct {
	srv  *Server
	epfd int
	file *os.File // epfd, registered with Go's network poller
	raw  syscall.RawConn

	// The writer: one goroutine that writes the queued data of polled
	// connections (see writeLoop).
	wmu   sync.Mutex
	dirty []*sock // connections with queued writes, in order of arrival
	idle  bool    // the writer waits on wake
	wake  chan struct{}
	stop  chan struct{}
	// closed is set before the epoll file is closed, so the loop can tell
	// its end from a failure.
	closed atomic.Bool
}

// readEvents are the events a reading connection waits for; RDHUP and the
// always-reported HUP and ERR also end up in a read, which tells which.
const readEvents = syscall.EPOLLIN | syscall.EPOLLRDHUP

// pollBatch is how many ready connections one epoll_wait may return.
const pollBatch = 128

// pollScratch is the read buffer shared by all connections; each read is
// copied into a message of exactly its size.
const pollScratch = 64 << 10

func newPoller(srv *Server) (*poller, error) {
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("socket poller: epoll_create: %w", err)
	}
	if err := syscall.SetNonblock(epfd, true); err != nil {
		_ = syscall.Close(epfd)
		return nil, fmt.Errorf("socket poller: %w", err)
	}
	f := os.NewFile(uintptr(epfd), "skyconsole-epoll")
	raw, err := f.SyscallConn()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("socket poller: %w", err)
	}
	return &poller{
		srv: srv, epfd: epfd, file: f, raw: raw,
		wake: make(chan struct{}, 1), stop: make(chan struct{}),
	}, nil
}

// close stops both loops: the pending wait returns with an error.
func (p *poller) close() {
	p.closed.Store(true)
	_ = p.file.Close()
	close(p.stop)
}

// loop waits for ready connections and reads each once.
func (p *poller) loop() {
	events := make([]syscall.EpollEvent, pollBatch)
	scratch := make([]byte, pollScratch)
	var n int
	var werr error
	wait := func(uintptr) bool {
		n, werr = syscall.EpollWait(p.epfd, events, 0)
		if werr == syscall.EINTR {
			n, werr = 0, nil
		}
		// false: nothing ready, park until the epoll set is readable.
		return n != 0 || werr != nil
	}
	for {
		err := p.raw.Read(wait)
		if err != nil || werr != nil {
			if p.closed.Load() {
				return // the server stopped
			}
			if err != nil {
				p.srv.node.Log(0, fmt.Sprintf("socket poller: %v", err))
			}
			if werr != nil {
				p.srv.node.Log(0, fmt.Sprintf("socket poller: epoll_wait: %v", werr))
			}
			return
		}
		for i := range n {
			if s := p.srv.table.get(events[i].Fd); s != nil {
				s.pollRead(scratch)
			}
		}
	}
}

// add starts watching fd for socket id.
func (p *poller) add(fd int, id int32) error {
	ev := syscall.EpollEvent{Events: readEvents, Fd: id}
	return syscall.EpollCtl(p.epfd, syscall.EPOLL_CTL_ADD, fd, &ev)
}

// watch turns reading on or off for fd (Pause and Resume).
func (p *poller) watch(fd int, id int32, on bool) {
	ev := syscall.EpollEvent{Fd: id}
	if on {
		ev.Events = readEvents
	}
	_ = syscall.EpollCtl(p.epfd, syscall.EPOLL_CTL_MOD, fd, &ev)
}

// del stops watching fd; it must happen before fd is closed.
func (p *poller) del(fd int) {
	_ = syscall.EpollCtl(p.epfd, syscall.EPOLL_CTL_DEL, fd, nil)
}

// pollerState is the Server's lazily created poller.
type pollerState struct {
	mu     sync.Mutex
	p      *poller
	failed bool // creation failed or the server stopped: use goroutines
}

// get returns the poller, creating it and its loop on first use; nil when
// there is none (then connections get reader goroutines).
func (ps *pollerState) get(srv *Server) *poller {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.p != nil || ps.failed {
		return ps.p
	}
	p, err := newPoller(srv)
	if err != nil {
		ps.failed = true
		srv.node.Log(0, err.Error()+"; reading with one goroutine per connection")
		return nil
	}
	ps.p = p
	srv.wg.Add(2)
	go func() {
		defer srv.wg.Done()
		p.loop()
	}()
	go func() {
		defer srv.wg.Done()
		p.writeLoop()
	}()
	return p
}

// stop ends the loop; later connections use reader goroutines (none come:
// the server is stopping).
func (ps *pollerState) stop() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.failed = true
	if ps.p != nil {
		ps.p.close()
	}
}

// pollFD gives the descriptor of a connection the poller can read: a
// real socket (not an in-memory pipe).
func pollFD(c net.Conn) (int, syscall.RawConn, bool) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return 0, nil, false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, nil, false
	}
	fd := -1
	if raw.Control(func(f uintptr) { fd = int(f) }) != nil || fd < 0 {
		return 0, nil, false
	}
	return fd, raw, true
}

// beginReadLocked starts reading a connection: through the poller when it
// can, otherwise with a reader goroutine.
func (s *sock) beginReadLocked(conn net.Conn) {
	s.reading = true
	if fd, raw, ok := pollFD(conn); ok {
		if p := s.srv.poll.get(s.srv); p != nil {
			if p.add(fd, s.id) == nil {
				s.poll, s.pfd, s.raw = p, fd, raw
				if s.paused {
					p.watch(fd, s.id, false)
				}
				return
			}
		}
	}
	s.spawnLocked(func() { s.readLoop(conn) })
}

// pollRead reads a ready connection once. The socket's lock is held over
// the read (see poller).
func (s *sock) pollRead(scratch []byte) {
	s.mu.Lock()
	if s.poll == nil || s.paused || s.state == stateClosed {
		s.mu.Unlock()
		return
	}
	n, err := syscall.Read(s.pfd, scratch)
	if n > 0 {
		msg := make([]byte, runtime.SocketHeaderSize+n)
		runtime.AppendSocketHeader(msg[:0], runtime.SockData, s.id, int32(n))
		copy(msg[runtime.SocketHeaderSize:], scratch[:n])
		if derr := s.deliverLocked(msg, n); derr != nil {
			s.mu.Unlock()
			s.finish(CloseOwnerGone, derr)
			return
		}
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	switch {
	case err == syscall.EAGAIN || err == syscall.EINTR:
		// Another event for the same socket already took the data.
	case err == nil:
		s.finish(CloseEOF, io.EOF)
	default:
		s.finish(reasonFor(err), fmt.Errorf("read: %w", err))
	}
}

// unpollLocked takes the socket out of the poller before its descriptor
// is closed or handed back.
func (s *sock) unpollLocked() {
	if s.poll != nil {
		s.poll.del(s.pfd)
		s.poll = nil
	}
}

// pollPauseLocked reflects Pause and Resume in the epoll set.
func (s *sock) pollPauseLocked() {
	if s.poll != nil && s.state != stateClosed {
		s.poll.watch(s.pfd, s.id, !s.paused)
	}
}
