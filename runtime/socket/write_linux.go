//go:build linux

package socket

import (
	"fmt"
	"syscall"
	"time"
	"unsafe"
)

// The poller's writer writes for every polled connection from one
// goroutine, without blocking: the descriptors are non-blocking, so a
// write takes what the kernel accepts at once. A connection whose peer
// does not keep up (EAGAIN or a short write) moves to its own flusher
// goroutine, which waits for the socket to drain; once its queue is empty
// it comes back to the writer.
//
// Why one writer and not a flusher per connection: a request/response
// connection queues one small write per message, and waking a goroutine
// per write costs about as much as the write. One writer wakes once per
// burst (the gate answering every frame of a batch) and writes the burst
// back to back. Writing from the service itself (skynet's direct write)
// was measured slower: the gate actor then pays every write syscall.

// maxIovec bounds the buffers of one writev (the kernel's IOV_MAX).
const maxIovec = 1024

// addWrite hands s to the writer; s.flushing is set and s.mu held.
func (p *poller) addWrite(s *sock) {
	p.wmu.Lock()
	p.dirty = append(p.dirty, s)
	wake := p.idle
	p.idle = false
	p.wmu.Unlock()
	if wake {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
}

// writeCall carries one writev's arguments and results, so the function
// handed to RawConn.Write is made once per writer, not once per write.
type writeCall struct {
	iov []syscall.Iovec
	n   int
	err error
	fn  func(fd uintptr) bool
}

func newWriteCall() *writeCall {
	w := &writeCall{}
	w.fn = func(fd uintptr) bool {
		w.n, w.err = writev(int(fd), w.iov)
		return true
	}
	return w
}

// writeLoop writes the connections handed to it until the server stops.
func (p *poller) writeLoop() {
	var list []*sock
	wc := newWriteCall()
	for {
		p.wmu.Lock()
		list, p.dirty = p.dirty, list[:0]
		if len(list) == 0 {
			p.idle = true
			p.wmu.Unlock()
			select {
			case <-p.wake:
				continue
			case <-p.stop:
				return
			}
		}
		p.wmu.Unlock()
		for i, s := range list {
			s.writeNow(wc)
			list[i] = nil
		}
	}
}

// writeNow writes what s has queued, as much as the kernel takes now.
// The write happens outside s.mu, so the owner can queue more meanwhile;
// going through the connection's RawConn keeps the descriptor open (and
// its number unused) until the write returns even if the socket is closed
// at that moment. wio lets Abandon wait for a write in progress.
func (s *sock) writeNow(wc *writeCall) {
	s.wio.Lock()
	defer s.wio.Unlock()
	s.mu.Lock()
	if s.state == stateClosed || s.poll == nil {
		s.flushing = false
		s.mu.Unlock()
		return
	}
	batch := s.queue
	s.queue = nil
	raw := s.raw
	s.mu.Unlock()

	iov := wc.iov[:0]
	want := 0
	for _, b := range batch[:min(len(batch), maxIovec)] {
		v := syscall.Iovec{Base: &b[0]}
		v.SetLen(len(b)) // the field's width differs between platforms
		iov = append(iov, v)
		want += len(b)
	}
	wc.iov = iov
	err := raw.Write(wc.fn)
	n, werr := wc.n, wc.err
	clear(iov)
	if err == nil {
		err = werr
	}

	s.mu.Lock()
	if s.state == stateClosed {
		s.flushing = false
		s.mu.Unlock()
		return
	}
	s.buffered -= n
	s.wbytes += uint64(n)
	s.wtime = time.Now()
	rest := unwritten(batch, n)
	if len(rest) > 0 {
		// What the kernel did not take goes back in front of what the
		// owner queued meanwhile.
		s.queue = append(rest, s.queue...)
	}
	switch {
	case err != nil && err != syscall.EAGAIN && err != syscall.EINTR:
		s.mu.Unlock()
		s.finish(reasonFor(err), fmt.Errorf("write: %w", err))
	case n < want && err != syscall.EINTR:
		// The peer is slow (EAGAIN or a short write): let a flusher
		// goroutine wait for it.
		s.slowWrite = true
		s.flushing = false
		s.kickLocked()
		s.mu.Unlock()
	case len(s.queue) > 0:
		// More arrived meanwhile, the batch was longer than one writev
		// or a signal interrupted it: take a turn after the others.
		s.poll.addWrite(s)
		s.mu.Unlock()
	default:
		s.flushing = false
		closing := s.drainedLocked()
		s.mu.Unlock()
		if closing {
			s.finish(CloseLocal, nil)
		}
	}
	return
}

// unwritten is what remains of batch after its first n bytes were written.
func unwritten(batch [][]byte, n int) [][]byte {
	for len(batch) > 0 && n >= len(batch[0]) {
		n -= len(batch[0])
		batch = batch[1:]
	}
	if len(batch) > 0 && n > 0 {
		batch[0] = batch[0][n:]
	}
	return batch
}

func writev(fd int, iov []syscall.Iovec) (int, error) {
	if len(iov) == 0 {
		return 0, nil
	}
	r, _, e := syscall.Syscall(syscall.SYS_WRITEV, uintptr(fd), uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}
