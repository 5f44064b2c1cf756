package socket

import (
	"context"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// Kind is what a socket is, as netstat shows it.
type Kind uint8

// The kinds.
const (
	KindListen Kind = iota + 1 // a listener
	KindTCP                    // a connection, accepted or connected
	KindBind                   // an OS descriptor made a socket (stdin)
	KindUDP                    // a UDP socket
)

func (k Kind) String() string {
	switch k {
	case KindListen:
		return "LISTEN"
	case KindTCP:
		return "TCP"
	case KindBind:
		return "BIND"
	case KindUDP:
		return "UDP"
	}
	return "UNKNOWN"
}

// state is a socket's place in its life; skynet's socket types.
type state uint8

const (
	statePListen    state = iota + 1 // bound; accepts nothing until Start
	stateListen                      // accepting
	stateConnecting                  // Connect in progress
	statePAccept                     // accepted; not read until Start
	stateConnected                   // reading and writing
	stateClosing                     // Close called: flushing, reads dropped
	stateClosed                      // ended; gone from the table
)

var stateNames = [...]string{"", "plisten", "listen", "connecting", "paccept", "connected", "closing", "closed"}

func (s state) String() string { return stateNames[s] }

// sock is one socket. Its goroutines (an acceptor or a reader, a dialer,
// a flusher while writes are pending) turn blocking I/O into events; the
// public operations only change state under mu and never block.
type sock struct {
	srv  *Server
	id   int32
	kind Kind
	stop chan struct{} // closed when the socket ends
	wg   sync.WaitGroup

	mu    sync.Mutex
	state state
	owner runtime.Handle
	conn  net.Conn
	ln    net.Listener
	pc    net.PacketConn // a UDP socket's
	// udpPeer is where Write sends on a UDP socket (UDPConnect).
	udpPeer net.Addr
	cancel  context.CancelFunc // stops a dial in progress
	local   string
	peer    string

	nodelay bool
	reading bool            // a reader, the poller or an acceptor reads it
	poll    *poller         // the poller reading it, if any
	pfd     int             // its descriptor, while poll is set
	raw     syscall.RawConn // the connection's, for the poller's writer
	wio     sync.Mutex      // held by the poller's writer while it writes
	paused  bool            // Pause: the reader waits after its current read
	resume  chan struct{}   // closed by Resume

	queue    [][]byte // writes not yet handed to the flusher
	spare    [][]byte // the flusher's last batch, kept for reuse
	buffered int      // bytes queued or being written
	flushing bool     // the flusher is writing (or has been woken to)
	writer   bool     // the flusher goroutine exists (it idles on wake)
	// slowWrite: the peer of a polled connection did not take a whole
	// write, so the flusher goroutine writes until the queue drains.
	slowWrite bool
	wake      chan struct{}
	warnAt    int  // buffered bytes that trigger the next WARNING
	warned    bool // a WARNING was sent since the buffer was last empty

	rbytes, wbytes uint64
	rtime, wtime   time.Time
}

func newSock(srv *Server, kind Kind, st state, owner runtime.Handle) *sock {
	return &sock{
		srv: srv, kind: kind, state: st, owner: owner,
		stop: make(chan struct{}), warnAt: srv.opts.softLimit,
	}
}

// spawnLocked runs f on a goroutine owned by this socket. Callers hold mu
// and have checked that the socket is not closed: Server.Close ends every
// socket under mu before it waits, so no goroutine can start after that.
func (s *sock) spawnLocked(f func()) {
	s.srv.wg.Add(1)
	s.wg.Add(1)
	go func() {
		defer s.srv.wg.Done()
		defer s.wg.Done()
		f()
	}()
}

// emitLocked sends an event with a string payload to the owner.
func (s *sock) emitLocked(sub uint8, ud int32, payload string) error {
	msg := make([]byte, 0, runtime.SocketHeaderSize+len(payload))
	msg = runtime.AppendSocketHeader(msg, sub, s.id, ud)
	msg = append(msg, payload...)
	return s.sendLocked(msg)
}

// sendLocked delivers a built event. Events are sent while holding mu so
// that their order is the order of the state changes: no DATA can follow
// the CLOSE of the same socket.
func (s *sock) sendLocked(msg []byte) error {
	return s.srv.node.Send(0, s.owner, runtime.PTypeSocket, 0, msg)
}

// stopped reports whether the socket has ended.
func (s *sock) stopped() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// finish ends the socket once, whoever notices first: drops buffered
// writes, tells the owner according to reason, forgets the id and closes
// the OS side, which wakes any goroutine blocked on it.
func (s *sock) finish(reason CloseReason, cause error) {
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		return
	}
	s.endLocked()
	if sub := reason.event(); sub != 0 {
		payload := ""
		if sub == runtime.SockError {
			payload = reason.String()
			if cause != nil {
				payload += ": " + cause.Error()
			}
		}
		_ = s.emitLocked(sub, 0, payload)
	}
	conn, ln, pc, cancel := s.conn, s.ln, s.pc, s.cancel
	s.mu.Unlock()
	s.srv.table.remove(s.id, s)
	if cancel != nil {
		cancel()
	}
	if conn != nil {
		_ = conn.Close()
	}
	if pc != nil {
		_ = pc.Close()
	}
	if ln != nil {
		_ = ln.Close()
	}
}

// endLocked moves to the closed state and releases what the socket holds.
func (s *sock) endLocked() {
	s.unpollLocked()
	s.state = stateClosed
	s.queue, s.spare, s.buffered = nil, nil, 0
	close(s.stop)
}

// waitResumed blocks the reader or acceptor while the socket is paused and
// reports false once the socket has ended.
func (s *sock) waitResumed() bool {
	s.mu.Lock()
	for s.paused {
		ch := s.resume
		s.mu.Unlock()
		select {
		case <-ch:
		case <-s.stop:
			return false
		}
		s.mu.Lock()
	}
	s.mu.Unlock()
	return !s.stopped()
}

// resumeLocked lets a paused reader go on.
func (s *sock) resumeLocked() {
	if s.paused {
		s.paused = false
		close(s.resume)
		s.pollPauseLocked()
	}
}
