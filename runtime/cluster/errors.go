package cluster

import (
	"errors"
	"strconv"
)

// Sentinel errors; the packers and decoders wrap them with %w and append
// the text skynet's cluster.core raises for the same input, so logs read
// the same on both implementations.
var (
	// ErrSession: a request or multi-part push was packed with a session
	// outside 1..MaxSession ("Invalid request session N").
	ErrSession = errors.New("cluster: invalid session")
	// ErrName: a name address is empty or longer than MaxNameLen.
	ErrName = errors.New("cluster: invalid name")
	// ErrTraceTag: a trace tag is longer than MaxTraceTag.
	ErrTraceTag = errors.New("cluster: invalid trace tag")
	// ErrPayloadTooLarge: a payload's size does not fit the uint32 the
	// multi-part header declares it in.
	ErrPayloadTooLarge = errors.New("cluster: payload too large")
	// ErrMalformedRequest: UnpackRequest got a body skynet would reject.
	ErrMalformedRequest = errors.New("cluster: malformed request")
	// ErrNotResponse: UnpackResponse got a body skynet's unpackresponse
	// returns nothing for. skynet's socket channel then drops the
	// connection, failing every call waiting on it.
	ErrNotResponse = errors.New("cluster: not a response")

	// ErrBrokenSequence: the frames of one multi-part message did not
	// form header, parts, last part with sizes adding up to the total.
	ErrBrokenSequence = errors.New("cluster: broken multi-part sequence")
	// ErrTooLarge: a multi-part header declared more than the assembler's
	// WithMaxSize budget; refused before anything was buffered.
	ErrTooLarge = errors.New("cluster: multi-part message over size limit")
	// ErrTooManyPending: more multi-part messages were open at once than
	// WithMaxPending allows. Unlike the other sequence errors this one
	// means the peer cannot be kept up with: close the connection.
	ErrTooManyPending = errors.New("cluster: too many pending multi-part messages")
)

// InvalidLargeReq is the error text skynet's cluster agent answers a
// broken multi-part request with; a listener built on RequestAssembler
// sends it for every *SequenceError so callers see what skynet shows them.
const InvalidLargeReq = "Invalid large req"

// SequenceError reports a multi-part message that cannot be completed.
// It names the session so that the owner can answer (listener side) or
// fail (caller side) that one exchange and carry on with the connection;
// only ErrTooManyPending calls for closing it.
type SequenceError struct {
	Session uint32
	Reason  string // what broke, for logs
	Err     error  // ErrBrokenSequence, ErrTooLarge or ErrTooManyPending
}

func (e *SequenceError) Error() string {
	return e.Err.Error() + ": session " + strconv.FormatUint(uint64(e.Session), 10) + ": " + e.Reason
}

// Unwrap lets errors.Is match the sentinel in Err.
func (e *SequenceError) Unwrap() error { return e.Err }
