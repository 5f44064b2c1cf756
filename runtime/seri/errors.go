package seri

import (
	"errors"
	"strconv"
)

var (
	// ErrTooDeep is returned when a value would be packed deeper than
	// [MaxDepth]. The text is skynet's, so Lua code matching on it keeps
	// working.
	ErrTooDeep = errors.New("serialize can't pack too depth table")

	// ErrUnsupportedType matches every [*UnsupportedTypeError].
	ErrUnsupportedType = errors.New("Unsupport type")

	// ErrInvalidStream matches every [*StreamError].
	ErrInvalidStream = errors.New("Invalid serialize stream")

	// ErrIntegerOverflow is returned when a Go unsigned integer does not fit
	// the wire's int64.
	ErrIntegerOverflow = errors.New("seri: unsigned integer overflows int64")

	// ErrStringTooLong is returned for strings longer than [MaxStringLen].
	ErrStringTooLong = errors.New("seri: string too long to serialize")

	// ErrTableLength is returned by [Encoder.BeginTable] for a negative
	// array length.
	ErrTableLength = errors.New("seri: negative table array length")

	// ErrUnbalanced is returned by [Encoder.EndTable] with no open table.
	ErrUnbalanced = errors.New("seri: EndTable without BeginTable")

	// ErrNaNKey is returned when a decoded table has a NaN key, which no
	// Lua table can hold; the text is Lua's own.
	ErrNaNKey = errors.New("table index is NaN")

	// ErrNoTable is returned by [Decoder.NextKey] when no table is open.
	ErrNoTable = errors.New("seri: NextKey outside a table")
)

// UnsupportedTypeError reports a value the format cannot carry. Type is the
// Lua type name when there is one ("function", "thread", "userdata"), so the
// message matches skynet's.
type UnsupportedTypeError struct {
	Type string
}

func (e *UnsupportedTypeError) Error() string {
	return "Unsupport type " + e.Type + " to serialize"
}

// Is lets errors.Is(err, ErrUnsupportedType) match any type name.
func (e *UnsupportedTypeError) Is(target error) bool { return target == ErrUnsupportedType }

// StreamError reports malformed or truncated input. Remaining mirrors the
// number skynet prints (bytes left unread when decoding stopped); Offset and
// Reason replace skynet's C line number with something a reader can act on.
type StreamError struct {
	Remaining int
	Offset    int
	Reason    string
}

func (e *StreamError) Error() string {
	return "Invalid serialize stream " + strconv.Itoa(e.Remaining) +
		" (" + e.Reason + " at offset " + strconv.Itoa(e.Offset) + ")"
}

// Is lets errors.Is(err, ErrInvalidStream) match any stream error.
func (e *StreamError) Is(target error) bool { return target == ErrInvalidStream }
