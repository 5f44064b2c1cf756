package tracer

import (
	"encoding/binary"
	"math"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A ring slot holds one Event as machine words. Every word is written and
// read atomically: readers copy slots while the writer may be overwriting
// them, and only atomics make that copy well defined (and quiet under -race).
// A torn copy is detected afterwards from the writer's head (see read).
const (
	wSeq = iota
	wWall
	wNow
	wHead     // Node | Type<<8 | Sock<<16 | Outcome<<24 | Session<<32
	wAddr     // Source | Dest<<32
	wSizeFd   // Size | Fd<<32
	wDur      // DurNs
	wLens     // len(Tag) | PayloadLen<<32
	wPayload  // PayloadCap/8 words follow
	slotWords = wPayload + PayloadCap/8
)

type slot struct {
	w   [slotWords]atomic.Uint64
	tag atomic.Pointer[byte] // unsafe.StringData(Tag); keeps the string alive
	_   [8]byte              // 128 bytes: a slot never shares a line with two others
}

// Writer is one ring. Put is called by a single goroutine (or, for the
// writer returned by Tracer.Shared, under its mutex).
//
// head encodes the writer's progress as pos<<1 | busy: pos events have been
// published, and busy is set while the event at position pos is being
// written. Readers use it both as a seqlock (a copy of position i is valid
// only if the writer has not started position i+size) and to learn which
// sequence numbers may still be in flight.
type Writer struct {
	t     *Tracer
	mu    *sync.Mutex // non-nil only for the shared writer
	head  atomic.Uint64
	pos   uint64 // == head>>1, read and written only by the writing goroutine
	mask  uint64
	slots []slot
}

// Put records a copy of e in the ring, overwriting the oldest event when the
// ring is full, and returns the sequence number it assigned (e itself is not
// modified). It never allocates and never waits, except that the shared
// writer takes its mutex. Callers check Tracer.Enabled first; Put records
// whether or not tracing is on.
func (w *Writer) Put(e *Event) uint64 {
	if w.mu != nil {
		w.mu.Lock()
	}
	p := w.pos
	w.head.Store(p<<1 | 1)
	seq := w.t.seq.Add(1)
	s := &w.slots[p&w.mask]
	// Seq goes first: a reader that sees the writer busy uses this word to
	// learn the in-flight sequence number (see Writer.snapshot).
	s.w[wSeq].Store(seq)
	s.w[wWall].Store(uint64(e.Wall))
	s.w[wNow].Store(uint64(e.Now))
	s.w[wHead].Store(uint64(e.Node) | uint64(e.Type)<<8 | uint64(e.Sock)<<16 |
		uint64(e.Outcome)<<24 | uint64(uint32(e.Session))<<32)
	s.w[wAddr].Store(uint64(e.Source) | uint64(e.Dest)<<32)
	s.w[wSizeFd].Store(uint64(uint32(e.Size)) | uint64(uint32(e.Fd))<<32)
	s.w[wDur].Store(uint64(e.DurNs))
	n := min(int(e.PayloadLen), PayloadCap)
	s.tag.Store(unsafe.StringData(e.Tag))
	s.w[wLens].Store(min(uint64(len(e.Tag)), math.MaxUint32) | uint64(n)<<32)
	for i := 0; i*8 < n; i++ {
		s.w[wPayload+i].Store(binary.LittleEndian.Uint64(e.Payload[i*8:]))
	}
	w.pos = p + 1
	w.head.Store((p + 1) << 1)
	if w.mu != nil {
		w.mu.Unlock()
	}
	w.t.notify()
	return seq
}

// started returns how many positions the writer has begun to write.
func started(head uint64) uint64 { return head>>1 + head&1 }

// read copies the event at position i into e and reports whether the copy
// is intact. On false, e is garbage and oldest is the first position that
// can still be read.
func (w *Writer) read(i uint64, e *Event) (ok bool, oldest uint64) {
	s := &w.slots[i&w.mask]
	e.Seq = s.w[wSeq].Load()
	e.Wall = int64(s.w[wWall].Load())
	e.Now = int64(s.w[wNow].Load())
	h := s.w[wHead].Load()
	e.Node, e.Type, e.Sock, e.Outcome = uint8(h), uint8(h>>8), SockKind(h>>16), Outcome(h>>24)
	e.Session = int32(uint32(h >> 32))
	a := s.w[wAddr].Load()
	e.Source, e.Dest = uint32(a), uint32(a>>32)
	sf := s.w[wSizeFd].Load()
	e.Size, e.Fd = int32(uint32(sf)), int32(uint32(sf>>32))
	e.DurNs = int64(s.w[wDur].Load())
	tag := s.tag.Load()
	lens := s.w[wLens].Load()
	n := min(int(lens>>32), PayloadCap) // bounded even if torn
	for j := 0; j*8 < n; j++ {
		binary.LittleEndian.PutUint64(e.Payload[j*8:], s.w[wPayload+j].Load())
	}
	clear(e.Payload[n:])
	e.PayloadLen = uint8(n)

	// Seqlock check: the words above belong to position i unless the writer
	// has begun position i+size. Go atomics are sequentially consistent, so
	// a word from the newer event implies this load sees that head or later.
	if st := started(w.head.Load()); st > i+w.t.size {
		e.Tag = ""
		return false, st - w.t.size
	}
	// Only now is it safe to pair the pointer with the length.
	e.Tag = unsafe.String(tag, int(uint32(lens)))
	return true, 0
}
