package socket

import (
	"fmt"
	"net"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// Read buffer sizes. Like skynet, the next read doubles the buffer when a
// read filled it and halves it when a read used less than half, so a chatty
// small-frame connection settles on small allocations and a bulk transfer
// on large ones. skynet starts at 64 bytes; we start at 4 KiB so that the
// first request of a connection usually arrives in one DATA event.
const (
	minRead   = 64
	firstRead = 4 << 10
	maxRead   = 64 << 10
)

func nextReadSize(size, n int) int {
	switch {
	case n == size && size < maxRead:
		return size * 2
	case n*2 < size && size > minRead:
		return size / 2
	}
	return size
}

// readLoop turns reads into DATA events. Every read lands in a freshly
// allocated buffer with room for the event header in front, so the buffer
// becomes the message body without a copy and nobody else ever touches it.
func (s *sock) readLoop(conn net.Conn) {
	size := firstRead
	for {
		buf := make([]byte, runtime.SocketHeaderSize+size)
		n, err := conn.Read(buf[runtime.SocketHeaderSize:])
		if n > 0 {
			msg := buf[: runtime.SocketHeaderSize+n : runtime.SocketHeaderSize+n]
			runtime.AppendSocketHeader(msg[:0], runtime.SockData, s.id, int32(n))
			if !s.deliver(msg, n) {
				return
			}
			size = nextReadSize(size, n)
		}
		if err != nil {
			s.finish(reasonFor(err), err)
			return
		}
		if !s.waitResumed() {
			return
		}
	}
}

// deliver sends one DATA event and reports whether to keep reading.
func (s *sock) deliver(msg []byte, n int) bool {
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		return false
	}
	err := s.deliverLocked(msg, n)
	s.mu.Unlock()
	if err != nil {
		s.finish(CloseOwnerGone, err)
		return false
	}
	return true
}

// deliverLocked sends one DATA event of a socket that has not ended. Data
// read after Close is dropped, but reading goes on so that the peer's
// close or reset is still noticed while flushing.
func (s *sock) deliverLocked(msg []byte, n int) error {
	if s.state == stateClosing {
		return nil
	}
	s.rbytes += uint64(n)
	s.rtime = time.Now()
	return s.sendLocked(msg)
}

// write queues data (see Server.Write).
func (s *sock) write(data []byte) error {
	s.mu.Lock()
	if s.kind != KindTCP {
		s.mu.Unlock()
		return fmt.Errorf("write to socket %d: %w", s.id, ErrNotStream)
	}
	if s.state == stateClosing || s.state == stateClosed {
		s.mu.Unlock()
		return fmt.Errorf("write to socket %d: %w", s.id, ErrClosing)
	}
	if len(data) == 0 {
		s.mu.Unlock()
		return nil
	}
	if s.queue == nil {
		s.queue, s.spare = s.spare, nil
	}
	s.queue = append(s.queue, data)
	s.buffered += len(data)
	if hard := s.srv.opts.hardLimit; hard > 0 && s.buffered > hard {
		cause := fmt.Errorf("%d bytes buffered, limit %d", s.buffered, hard)
		s.mu.Unlock()
		s.finish(CloseWriteLimit, cause)
		return fmt.Errorf("write to socket %d: %w", s.id, ErrWriteLimit)
	}
	if s.buffered >= s.warnAt {
		// skynet's rule: report in KB, then wait for twice as much.
		_ = s.emitLocked(runtime.SockWarning, int32(s.buffered/1024), "")
		s.warned = true
		s.warnAt *= 2
	}
	s.kickLocked()
	s.mu.Unlock()
	return nil
}

// kickLocked gets the flusher writing when writes wait and the socket may
// send: once started (or connected), or when Close flushes a socket that
// never started. The flusher goroutine is created on the first write and
// then idles on a channel, so a busy connection does not pay for a new
// goroutine per write.
func (s *sock) kickLocked() {
	if s.flushing || len(s.queue) == 0 || s.conn == nil {
		return
	}
	if s.state != stateConnected && s.state != stateClosing {
		return
	}
	s.flushing = true
	if s.poll != nil && !s.slowWrite {
		s.poll.addWrite(s)
		return
	}
	if s.writer {
		select {
		case s.wake <- struct{}{}:
		default:
		}
		return
	}
	s.writer = true
	s.wake = make(chan struct{}, 1)
	conn, wake := s.conn, s.wake
	s.spawnLocked(func() { s.flushLoop(conn, wake) })
}

// flushLoop writes batches until the queue is empty, ends the socket if
// Close is waiting for the flush, and otherwise idles until kicked again.
func (s *sock) flushLoop(conn net.Conn, wake <-chan struct{}) {
	for {
		s.mu.Lock()
		if s.state == stateClosed {
			s.flushing = false
			s.mu.Unlock()
			return
		}
		if len(s.queue) == 0 {
			s.flushing = false
			s.slowWrite = false // the peer caught up: back to the poller's writer
			closing := s.drainedLocked()
			s.mu.Unlock()
			if closing {
				s.finish(CloseLocal, nil)
				return
			}
			select {
			case <-wake:
				continue
			case <-s.stop:
				return
			}
		}
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()

		bufs := net.Buffers(batch) // WriteTo consumes bufs, not batch
		n, err := bufs.WriteTo(conn)

		s.mu.Lock()
		s.buffered -= int(n)
		s.wbytes += uint64(n)
		s.wtime = time.Now()
		if s.state != stateClosed && s.spare == nil {
			clear(batch)
			s.spare = batch[:0]
		}
		s.mu.Unlock()
		if err != nil {
			s.finish(reasonFor(err), err)
			return
		}
	}
}

// close is Server.Close for one socket: flush, then end with CLOSE.
func (s *sock) close() {
	s.mu.Lock()
	switch s.state {
	case stateClosing, stateClosed:
		s.mu.Unlock()
		return
	case statePListen, stateListen:
		s.mu.Unlock()
		s.finish(CloseLocal, nil)
		return
	}
	if len(s.queue) == 0 && !s.flushing {
		s.mu.Unlock()
		s.finish(CloseLocal, nil)
		return
	}
	s.state = stateClosing
	s.resumeLocked()
	s.armCloseTimeoutLocked()
	s.kickLocked()
	s.mu.Unlock()
}

// armCloseTimeoutLocked bounds the final flush of a closing socket.
func (s *sock) armCloseTimeoutLocked() {
	if d := s.srv.opts.closeTimeout; d > 0 && s.conn != nil {
		_ = s.conn.SetWriteDeadline(time.Now().Add(d))
	}
}

// drainedLocked is what happens when a connection's queue empties: the
// owner hears that a warned backlog is gone. It reports whether Close was
// waiting for the flush.
func (s *sock) drainedLocked() bool {
	if s.warned {
		// skynet tells the owner the backlog is gone with ud 0.
		s.warned = false
		s.warnAt = s.srv.opts.softLimit
		_ = s.emitLocked(runtime.SockWarning, 0, "")
	}
	return s.state == stateClosing
}
