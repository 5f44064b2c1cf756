package netpack

// Frame is a queued frame and the connection it arrived on, what skynet's
// netpack.pop returns.
type Frame struct {
	Conn int
	Data []byte
}

// Filter decodes many connections at once, keyed by connection id, like
// the queue skynet's gate keeps per listening socket. Only connections in
// the middle of a frame hold state, so idle connections cost nothing.
//
// Frames returned by Data and Pop are valid until the next call to Data:
// all connections share one output buffer, which the gate drains before it
// handles the next socket event. Frames a caller did not Pop are dropped
// by the next Data call (skynet's gate always drains the queue first).
//
// The zero value is ready to use with the default limit. A Filter is not
// safe for concurrent use; it belongs to the gate's dispatch goroutine.
type Filter struct {
	opts  options
	conns map[int]partial
	out   batch
}

// NewFilter returns a Filter configured by opts.
func NewFilter(opts ...Option) *Filter {
	return &Filter{opts: buildOptions(opts)}
}

// Data consumes one read on connection conn; the results are those of
// Decoder.Feed. After an error the connection keeps failing until Close.
func (f *Filter) Data(conn int, p []byte) (Event, []byte, error) {
	f.out.reset(conn)
	c := f.conns[conn]
	ev, frame, err := decode(&c, &f.out, p, f.opts.limit())
	switch {
	case !c.idle():
		if f.conns == nil {
			f.conns = make(map[int]partial)
		}
		f.conns[conn] = c
	case f.conns != nil:
		delete(f.conns, conn)
	}
	return ev, frame, err
}

// Pop returns the frames queued by an EventMore read, oldest first, and
// false once they are exhausted.
func (f *Filter) Pop() (Frame, bool) {
	data, ok := f.out.pop()
	if !ok {
		return Frame{}, false
	}
	return Frame{Conn: f.out.conn, Data: data}, true
}

// Close forgets conn's incomplete frame and sticky error, as skynet does
// when the socket closes or fails, and reports how many buffered bytes
// were dropped. Frames already returned stay valid.
func (f *Filter) Close(conn int) int {
	c, ok := f.conns[conn]
	if !ok {
		return 0
	}
	delete(f.conns, conn)
	f.out.recycle(c.body)
	return c.buffered()
}

// Buffered reports how many received bytes of conn wait in an incomplete
// frame.
func (f *Filter) Buffered(conn int) int {
	c := f.conns[conn]
	return c.buffered()
}

// Pending reports how many connections hold an incomplete frame or a
// sticky error: the state Close must eventually release.
func (f *Filter) Pending() int {
	return len(f.conns)
}
