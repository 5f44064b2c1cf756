package netpack

// Decoder splits one connection's byte stream into frames. Feed it each
// socket read in order; it keeps a partial header or body between reads.
//
// Frames returned by Feed and Pop are valid until the next Feed or Reset:
// the decoder reuses their memory so steady traffic does not allocate.
// Copy a frame (bytes.Clone) to keep it longer.
//
// The zero value is ready to use with the default limit. A Decoder is not
// safe for concurrent use; it belongs to the goroutine reading the socket.
type Decoder struct {
	opts options
	conn partial
	out  batch
}

// NewDecoder returns a Decoder configured by opts.
func NewDecoder(opts ...Option) *Decoder {
	return &Decoder{opts: buildOptions(opts)}
}

// Feed consumes one read and reports what it completed: EventNone,
// EventData with the single frame, or EventMore with the frames queued for
// Pop. An empty read changes nothing.
//
// A *FrameSizeError (errors.Is ErrFrameTooLarge) comes with the frames that
// preceded the bad header in this read; deliver them, then close the
// connection. Every later Feed returns the same error until Reset.
func (d *Decoder) Feed(p []byte) (Event, []byte, error) {
	d.out.reset(0)
	return decode(&d.conn, &d.out, p, d.opts.limit())
}

// Pop returns the frames queued by an EventMore read, oldest first, and
// false once they are exhausted.
func (d *Decoder) Pop() ([]byte, bool) {
	return d.out.pop()
}

// Buffered reports how many received bytes wait in an incomplete frame.
func (d *Decoder) Buffered() int {
	return d.conn.buffered()
}

// Reset forgets the incomplete frame and any sticky error, as a closed
// connection does, and reports how many buffered bytes were dropped.
// Frames from the last Feed stay valid.
func (d *Decoder) Reset() int {
	dropped := d.conn.buffered()
	d.out.recycle(d.conn.body)
	d.conn = partial{}
	return dropped
}
