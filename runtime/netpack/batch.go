package netpack

// minArena is the smallest arena allocated, so a stream of small reads
// settles on one buffer instead of reallocating for each larger read.
const minArena = 4096

// batch is the output of one read: the frames it completed, in order.
//
// Frames that arrived whole are copied into arena; a frame finished from a
// partial keeps the partial's own buffer (done). Both are reused by the
// next read, which is why frames are only valid until then: the gate
// dispatches them before reading again, and steady traffic allocates
// nothing.
type batch struct {
	arena []byte
	queue [][]byte
	head  int
	conn  int
	done  []byte // buffer of the partial frame this read completed
	free  []byte // a buffer no live frame points into, for the next partial
}

// reset starts a new read, invalidating the previous read's frames.
func (b *batch) reset(conn int) {
	b.arena = b.arena[:0]
	clear(b.queue) // let arenas replaced by larger ones be collected
	b.queue = b.queue[:0]
	b.head = 0
	b.conn = conn
	if b.done != nil {
		b.recycle(b.done)
		b.done = nil
	}
}

// recycle offers a buffer that nothing refers to any more.
func (b *batch) recycle(buf []byte) {
	if cap(buf) > cap(b.free) {
		b.free = buf[:0]
	}
}

// takeFree hands the recycled buffer to a new partial frame.
func (b *batch) takeFree() []byte {
	buf := b.free
	b.free = nil
	return buf
}

// keep copies a frame that arrived whole. rest is how many bytes of the
// read remain from this frame on; it bounds every frame still to come, so
// a read allocates at most once. A full arena is replaced, not grown:
// earlier frames keep pointing at the old array, so nothing is copied.
func (b *batch) keep(frame []byte, rest int) []byte {
	if b.arena == nil || cap(b.arena)-len(b.arena) < len(frame) {
		b.arena = make([]byte, 0, max(rest, minArena))
	}
	start := len(b.arena)
	b.arena = append(b.arena, frame...)
	end := len(b.arena)
	// The capacity cap stops a caller's append from overwriting the next
	// frame in the arena.
	return b.arena[start:end:end]
}

// pop returns queued frames in arrival order.
func (b *batch) pop() ([]byte, bool) {
	if b.head >= len(b.queue) {
		return nil, false
	}
	frame := b.queue[b.head]
	b.head++
	return frame, true
}
