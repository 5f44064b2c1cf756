package client

import "errors"

// Sentinel errors. Every error this package returns wraps one of them (or
// an error of runtime/sproto or runtime/netpack), so callers can branch
// with errors.Is.
var (
	// ErrUnknownCommand: the first word of a line is neither a built-in
	// command nor a c2s protocol.
	ErrUnknownCommand = errors.New("client: unknown protocol or command")
	// ErrValueCount: a request line has more or fewer values than the
	// protocol's request has fields.
	ErrValueCount = errors.New("client: wrong number of values")
	// ErrBadValue: a value does not convert to its field's type.
	ErrBadValue = errors.New("client: bad value")
	// ErrFieldType: the field's type cannot be written on a command line
	// (structs and maps); send such a request with raw.
	ErrFieldType = errors.New("client: field cannot be set from the command line")
	// ErrQuote: a quoted value is not terminated or has a bad escape.
	ErrQuote = errors.New("client: bad quoting")
	// ErrBadHex: the argument of raw is missing or is not hexadecimal.
	ErrBadHex = errors.New("client: bad hex")
	// ErrFraming: a framing name other than s2 or line.
	ErrFraming = errors.New("client: unknown framing")
	// ErrConnect: the gate could not be reached.
	ErrConnect = errors.New("client: cannot connect")
	// ErrNotConnected: the connection is closed, so nothing can be sent.
	ErrNotConnected = errors.New("client: not connected")
	// ErrUnanswered: Wait gave up while requests still awaited responses.
	ErrUnanswered = errors.New("client: requests unanswered")
	// ErrPartialFrame: the server closed the connection in the middle of
	// a frame.
	ErrPartialFrame = errors.New("client: connection closed inside a frame")
)
