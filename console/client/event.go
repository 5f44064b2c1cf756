package client

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// EventKind tells what an incoming frame was.
type EventKind uint8

const (
	// EventResponse: the answer to one of our requests.
	EventResponse EventKind = iota + 1
	// EventRequest: a request the server pushed (an s2c protocol).
	EventRequest
	// EventInvalid: a frame that did not decode.
	EventInvalid
)

// String returns the word Event.String starts with.
func (k EventKind) String() string {
	switch k {
	case EventResponse:
		return "RESPONSE"
	case EventRequest:
		return "REQUEST"
	case EventInvalid:
		return "INVALID"
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// Event is one frame received from the server.
type Event struct {
	Kind EventKind
	// Session is the response's session, or the push's when it has one.
	// An invalid frame has one when its header could still be read.
	Session sproto.Session
	// Name is the protocol: of the request answered for a response, of
	// the push for a request; empty when unknown.
	Name string
	// Args are the decoded fields; nil when the protocol has no type for
	// this direction or the frame is invalid.
	Args map[string]any
	// Frame is a copy of an invalid frame's payload; nil otherwise.
	Frame []byte
	// Err is why an invalid frame did not decode.
	Err error

	// typ orders Args when printing.
	typ *sproto.Type
}

// maxHexBytes bounds how much of an invalid frame String prints.
const maxHexBytes = 256

// String formats the event as one line without newline:
//
//	RESPONSE session=1 handshake msg="Welcome to skynet"
//	REQUEST heartbeat
//	INVALID 3 bytes 0a0b0c: sproto: Invalid unpack stream
func (e Event) String() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	if e.Kind == EventInvalid {
		fmt.Fprintf(&b, " %d bytes ", len(e.Frame))
		if len(e.Frame) > maxHexBytes {
			b.WriteString(hex.EncodeToString(e.Frame[:maxHexBytes]))
			fmt.Fprintf(&b, "...(+%d)", len(e.Frame)-maxHexBytes)
		} else {
			b.WriteString(hex.EncodeToString(e.Frame))
		}
		if e.Session.Valid {
			b.WriteString(" session=")
			b.WriteString(strconv.FormatInt(e.Session.ID, 10))
		}
		if e.Name != "" {
			b.WriteByte(' ')
			b.WriteString(e.Name)
		}
		fmt.Fprintf(&b, ": %v", e.Err)
		return b.String()
	}
	if e.Session.Valid {
		b.WriteString(" session=")
		b.WriteString(strconv.FormatInt(e.Session.ID, 10))
	}
	if e.Name != "" {
		b.WriteByte(' ')
		b.WriteString(e.Name)
	}
	if len(e.Args) > 0 {
		b.WriteByte(' ')
		writeFields(&b, e.typ, e.Args, "=")
	}
	return b.String()
}
