package cluster

import (
	"fmt"
	"math"
	"strconv"
)

// partial is one multi-part message being collected.
type partial struct {
	total uint32
	buf   []byte
	// broken marks a sequence already reported; its remaining frames are
	// dropped quietly up to its last one, so one bad message costs its
	// peer exactly one error answer, as in skynet.
	broken bool

	// What the header said, for requests; unused for replies.
	addr Addr
	push bool
	tag  string
}

// collector is the per-session bookkeeping both assemblers share: open on
// a header, add parts, hand back the payload on the last one.
type collector struct {
	opts    options
	pending map[uint32]*partial
}

// open starts a message for session. It returns the new partial, or an
// error and no partial when the header cannot be honoured.
func (c *collector) open(session, total uint32) (*partial, error) {
	if p := c.pending[session]; p != nil {
		if p.broken {
			return nil, nil // reported already; wait for the last part
		}
		p.broken, p.buf = true, nil
		return nil, seqErr(session, ErrBrokenSequence, "second header before the last part")
	}
	p, err := c.insert(session)
	if err != nil {
		return nil, err
	}
	p.total = total
	if limit := c.opts.sizeLimit(); total > limit {
		// Kept as a broken entry so that the parts that follow are
		// dropped instead of each reported as headerless.
		p.broken = true
		return nil, seqErr(session, ErrTooLarge, "declared "+strconv.FormatUint(uint64(total), 10)+
			" bytes, limit "+strconv.FormatUint(uint64(limit), 10))
	}
	return p, nil
}

// add appends one chunk of session's message. It returns the completed
// partial when last closes a consistent sequence, nil otherwise.
func (c *collector) add(session uint32, chunk []byte, last bool) (*partial, error) {
	p := c.pending[session]
	if p == nil {
		if last {
			return nil, seqErr(session, ErrBrokenSequence, "last part without a header")
		}
		p, err := c.insert(session)
		if err != nil {
			return nil, err
		}
		p.broken = true
		return nil, seqErr(session, ErrBrokenSequence, "part without a header")
	}
	if last {
		delete(c.pending, session)
	}
	if p.broken {
		return nil, nil
	}
	if uint64(len(p.buf))+uint64(len(chunk)) > uint64(p.total) {
		p.broken, p.buf = true, nil
		return nil, seqErr(session, ErrBrokenSequence, fmt.Sprintf("parts exceed the declared %d bytes", p.total))
	}
	p.buf = grow(p.buf, len(chunk), p.total)
	p.buf = append(p.buf, chunk...)
	if !last {
		return nil, nil
	}
	if uint64(len(p.buf)) != uint64(p.total) {
		return nil, seqErr(session, ErrBrokenSequence, fmt.Sprintf("parts give %d of the declared %d bytes", len(p.buf), p.total))
	}
	if p.buf == nil {
		p.buf = []byte{} // a completed payload is never nil, even when empty
	}
	return p, nil
}

func (c *collector) insert(session uint32) (*partial, error) {
	if n := len(c.pending); n >= c.opts.pendingLimit() {
		return nil, seqErr(session, ErrTooManyPending, strconv.Itoa(n)+" already open")
	}
	if c.pending == nil {
		c.pending = make(map[uint32]*partial)
	}
	p := &partial{}
	c.pending[session] = p
	return p, nil
}

func (c *collector) discard(session uint32) bool {
	_, ok := c.pending[session]
	delete(c.pending, session)
	return ok
}

// grow makes room for n more bytes, doubling like append would but never
// past the declared total: memory follows the bytes that actually arrive,
// not what a header claims.
func grow(buf []byte, n int, total uint32) []byte {
	need := len(buf) + n
	if need <= cap(buf) {
		return buf
	}
	size := min(max(need, 2*cap(buf)), int(min(uint64(total), math.MaxInt)))
	nb := make([]byte, len(buf), size)
	copy(nb, buf)
	return nb
}

func seqErr(session uint32, err error, reason string) error {
	return &SequenceError{Session: session, Reason: reason, Err: err}
}

// Call is a complete request or push, as a listener dispatches it.
type Call struct {
	Addr    Addr
	Session uint32 // 0 for a single-frame push
	Push    bool   // no reply is expected
	// Payload is the packed arguments. For a single-frame request it is
	// the frame's Data itself; a multi-part payload is owned by the Call.
	Payload []byte
	// TraceTag is the tag of the trace frame that came just before the
	// request (or its header), or "".
	TraceTag string
}

// RequestAssembler turns the request frames of one listener connection
// into Calls: single frames pass straight through, multi-part ones are
// collected by session, and trace frames attach to the request after
// them. It belongs to the connection's owner: it has no locks and must
// not be shared. The zero value is ready to use with default limits.
type RequestAssembler struct {
	c   collector
	tag string
}

// NewRequestAssembler returns an assembler with the given limits.
func NewRequestAssembler(opts ...Option) *RequestAssembler {
	return &RequestAssembler{c: collector{opts: buildOptions(opts)}}
}

// Add takes the next decoded frame. It returns the Call and true when the
// frame completes one. A *SequenceError means one message is lost; skynet
// answers its session with InvalidLargeReq (even for a push) and keeps the
// connection, except for ErrTooManyPending.
//
// A trace tag applies to the next single request or header and is
// forgotten by any other frame, so a stale tag never leaks onto a later
// call.
func (a *RequestAssembler) Add(r Request) (Call, bool, error) {
	switch r.Kind {
	case ReqTrace:
		a.tag = string(r.Data)
		return Call{}, false, nil
	case ReqSingle:
		tag := a.tag
		a.tag = ""
		return Call{Addr: r.Addr, Session: r.Session, Push: r.Push, Payload: r.Data, TraceTag: tag}, true, nil
	case ReqHeader:
		tag := a.tag
		a.tag = ""
		p, err := a.c.open(r.Session, r.Total)
		if p != nil {
			p.addr, p.push, p.tag = r.Addr, r.Push, tag
		}
		return Call{}, false, err
	case ReqPart, ReqLast:
		a.tag = ""
		p, err := a.c.add(r.Session, r.Data, r.Kind == ReqLast)
		if p == nil {
			return Call{}, false, err
		}
		return Call{Addr: p.addr, Session: r.Session, Push: p.push, Payload: p.buf, TraceTag: p.tag}, true, nil
	default:
		return Call{}, false, fmt.Errorf("%w: request kind %v", ErrMalformedRequest, r.Kind)
	}
}

// Pending is the number of multi-part requests open, broken ones
// included until their last part arrives.
func (a *RequestAssembler) Pending() int { return len(a.c.pending) }

// Discard forgets session's partial request, if any, and reports whether
// there was one.
func (a *RequestAssembler) Discard(session uint32) bool { return a.c.discard(session) }

// Reset forgets everything, as when the connection closes.
func (a *RequestAssembler) Reset() {
	a.c.pending = nil
	a.tag = ""
}

// Reply is a complete response as the caller's waiting call receives it.
// Data is the packed return values, or the error text when OK is false.
// A single-frame reply's Data is the frame's; a multi-part one is owned.
type Reply struct {
	Session uint32
	OK      bool
	Data    []byte
}

// ResponseAssembler turns the response frames of one caller connection
// into Replies, collecting multi-part ones by session. Like
// RequestAssembler it belongs to one connection and has no locks; the
// zero value is ready to use with default limits.
//
// As in skynet, RespOK and RespEnd are interchangeable on receipt: either
// finishes a multi-part reply open for its session, or is a whole reply
// by itself. An error frame ends any open reply for its session.
type ResponseAssembler struct {
	c collector
}

// NewResponseAssembler returns an assembler with the given limits.
func NewResponseAssembler(opts ...Option) *ResponseAssembler {
	return &ResponseAssembler{c: collector{opts: buildOptions(opts)}}
}

// Add takes the next decoded frame and returns the Reply and true when the
// frame completes one. A *SequenceError means that session's reply is
// lost: fail its call. Only ErrTooManyPending calls for closing the
// connection.
func (a *ResponseAssembler) Add(r Response) (Reply, bool, error) {
	switch r.Kind {
	case RespError:
		a.c.discard(r.Session)
		return Reply{Session: r.Session, Data: r.Data}, true, nil
	case RespOK, RespEnd:
		if _, open := a.c.pending[r.Session]; !open {
			return Reply{Session: r.Session, OK: true, Data: r.Data}, true, nil
		}
		p, err := a.c.add(r.Session, r.Data, true)
		if p == nil {
			return Reply{}, false, err
		}
		return Reply{Session: r.Session, OK: true, Data: p.buf}, true, nil
	case RespBegin:
		_, err := a.c.open(r.Session, r.Total)
		return Reply{}, false, err
	case RespPart:
		_, err := a.c.add(r.Session, r.Data, false)
		return Reply{}, false, err
	default:
		return Reply{}, false, fmt.Errorf("%w: response kind %v", ErrNotResponse, r.Kind)
	}
}

// Pending is the number of multi-part replies open, broken ones included
// until their last part arrives.
func (a *ResponseAssembler) Pending() int { return len(a.c.pending) }

// Discard forgets session's partial reply, as when its call times out,
// and reports whether there was one.
func (a *ResponseAssembler) Discard(session uint32) bool { return a.c.discard(session) }

// Reset forgets everything, as when the connection closes.
func (a *ResponseAssembler) Reset() { a.c.pending = nil }
