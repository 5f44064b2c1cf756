package client

import (
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

// Framing selects how outgoing messages are delimited on the wire.
// Incoming data is always read as 2-byte length frames (see the package
// documentation).
type Framing uint8

const (
	// FramingS2 sends each message as a big-endian uint16 length followed
	// by the message: what skynet's gate reads.
	FramingS2 Framing = iota
	// FramingLine sends the FramingS2 frame followed by one '\n' byte,
	// for servers that read messages with a line reader.
	FramingLine
)

// String returns the name ParseFraming accepts.
func (f Framing) String() string {
	switch f {
	case FramingS2:
		return "s2"
	case FramingLine:
		return "line"
	}
	return fmt.Sprintf("framing(%d)", uint8(f))
}

// ParseFraming reads "s2" or "line".
func ParseFraming(name string) (Framing, error) {
	switch name {
	case "s2":
		return FramingS2, nil
	case "line":
		return FramingLine, nil
	}
	return 0, fmt.Errorf("%w %q (want s2 or line)", ErrFraming, name)
}

// frame wraps one outgoing message for the wire.
func (f Framing) frame(payload []byte) ([]byte, error) {
	out := make([]byte, 0, netpack.HeaderSize+len(payload)+1)
	out, err := netpack.AppendPack(out, payload)
	if err != nil {
		return nil, err
	}
	if f == FramingLine {
		out = append(out, '\n')
	}
	return out, nil
}
