package netpack

// phase says which part of a frame a connection is waiting for.
type phase uint8

const (
	phaseHeader phase = iota // nothing pending: the next byte starts a header
	phaseHalf                // one length byte arrived, the low byte has not
	phaseBody                // length known, body incomplete
)

// partial is what survives between two reads of one connection, the
// counterpart of skynet's "uncomplete" entry. A connection between frames
// holds nothing, so idle connections cost no buffer.
type partial struct {
	phase phase
	hi    byte   // high length byte while phaseHalf
	want  int    // declared body length while phaseBody
	body  []byte // body bytes received so far while phaseBody
	err   error  // sticky: a rejected header poisons the stream
}

// idle reports whether the connection can be forgotten without losing
// anything.
func (c *partial) idle() bool {
	return c.phase == phaseHeader && c.err == nil
}

// buffered counts received bytes not yet delivered as a frame, header
// bytes included, so the number matches what the peer sent.
func (c *partial) buffered() int {
	switch c.phase {
	case phaseHalf:
		return 1
	case phaseBody:
		return HeaderSize + len(c.body)
	}
	return 0
}

// minBody is the first allocation for a partial body. Smaller frames get
// exactly their size; larger ones grow with the bytes that really arrive.
const minBody = 512

// appendBody adds chunk to a partial body. Capacity follows what arrived,
// not what the header claims, so a peer announcing 64 KiB and sending two
// bytes costs little: memory stays proportional to input.
func appendBody(body, chunk []byte, want int) []byte {
	if need := len(body) + len(chunk); need > cap(body) {
		grown := make([]byte, len(body), min(want, max(need, 2*cap(body), minBody)))
		copy(grown, body)
		body = grown
	}
	return append(body, chunk...)
}
