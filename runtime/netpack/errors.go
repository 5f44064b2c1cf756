package netpack

import (
	"errors"
	"strconv"
)

// Sentinel errors; wrap them with context using %w.
var (
	// ErrPayloadTooLarge is returned by Pack for payloads the 2-byte
	// length cannot express (skynet raises "Invalid size (too long)").
	ErrPayloadTooLarge = errors.New("netpack: payload too large")
	// ErrFrameTooLarge is wrapped by *FrameSizeError when a peer declares
	// a frame longer than the configured limit.
	ErrFrameTooLarge = errors.New("netpack: frame too large")
)

// FrameSizeError reports a header declaring more than the limit set with
// WithMaxFrame. It is fatal for that one connection: the gate should
// close it, since the rest of the stream can no longer be trusted.
type FrameSizeError struct {
	Len int // length the header declared
	Max int // the configured limit
}

func (e *FrameSizeError) Error() string {
	return ErrFrameTooLarge.Error() + ": declared " + strconv.Itoa(e.Len) +
		" bytes, limit " + strconv.Itoa(e.Max)
}

// Unwrap lets errors.Is(err, ErrFrameTooLarge) match.
func (e *FrameSizeError) Unwrap() error { return ErrFrameTooLarge }
