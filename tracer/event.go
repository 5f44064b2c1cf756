package tracer

import (
	"strconv"
	"strings"
)

// PayloadCap is how many leading body bytes an Event can carry. 48 keeps the
// whole Event at 128 bytes (two cache lines on 64-bit machines) while still
// holding a sproto package header with a short request, a netpack length
// prefix with a small frame, or the first few values of a skynet.pack body.
const PayloadCap = 48

// Event is one dispatch (or one message that never reached a handler) as the
// tracer stores it. It is a fixed-size value with no pointers except Tag, so
// writing it costs a handful of word stores and no allocation.
//
// Layout on 64-bit platforms, 128 bytes (offsets in bytes):
//
//	 0 Seq        24 Node       32 Source     48 DurNs
//	 8 Wall       25 Type       36 Dest       56 Tag (string header, 16)
//	16 Now        26 Sock       40 Size       72 PayloadLen
//	              27 Outcome    44 Fd         73 Payload (48), then 7 bytes of padding
//	              28 Session
type Event struct {
	// Seq is assigned by Put (whatever the caller left here is ignored) from
	// one counter shared by every writer of a Tracer: it starts at 1 and
	// never repeats, so it orders events globally.
	Seq uint64
	// Wall is the wall-clock time the dispatch started, in Unix nanoseconds.
	// The caller fills it; in step mode it may come from a virtual clock.
	Wall int64
	// Now is node time in centiseconds (skynet.now()).
	Now int64
	// Node is the harbor id of the node that dispatched the message.
	Node uint8
	// Type is the skynet protocol type, 0..255 (see the Type* constants).
	Type uint8
	// Sock is the socket subtype of a SOCKET message, SockNone otherwise.
	Sock SockKind
	// Outcome says how the message ended.
	Outcome Outcome
	// Session is the message session (0 for a send). For CLIENT messages
	// skynet puts the socket id here too.
	Session int32
	// Source and Dest are service handles (harbor id in the high 8 bits).
	Source uint32
	Dest   uint32
	// Size is the full body size in bytes, not only the captured part.
	Size int32
	// Fd is skynet's socket id (not an OS descriptor) for SOCKET and CLIENT
	// messages. It is 0 for every other type and the exporters ignore it there.
	Fd int32
	// DurNs is how long the handler ran, in nanoseconds (0 when no handler ran).
	DurNs int64
	// Tag is the trace tag (skynet.trace) the message carries, "" when none.
	// Put stores the string header, not a copy, so it must be a string the
	// caller already holds; the ring keeps it alive until the slot is reused.
	Tag string
	// PayloadLen is how many bytes of Payload are valid (at most PayloadCap).
	// It stays 0 unless payload capture is on.
	PayloadLen uint8
	// Payload holds the first PayloadLen bytes of the message body.
	Payload [PayloadCap]byte
}

// Captured returns the captured body bytes (a view into e.Payload).
func (e *Event) Captured() []byte {
	return e.Payload[:min(int(e.PayloadLen), PayloadCap)]
}

// SetPayload copies the first bytes of body into e.Payload and sets
// PayloadLen. It does not allocate.
func (e *Event) SetPayload(body []byte) {
	e.PayloadLen = uint8(copy(e.Payload[:], body))
}

// Protocol types, as skynet numbers them.
const (
	TypeText      = 0
	TypeResponse  = 1
	TypeMulticast = 2
	TypeClient    = 3
	TypeSystem    = 4
	TypeHarbor    = 5
	TypeSocket    = 6
	TypeError     = 7
	TypeQueue     = 8
	TypeDebug     = 9
	TypeLua       = 10
	TypeSnax      = 11
	TypeTrace     = 12
)

// knownTypeName returns the skynet name of ptype t, or "" if it has none.
func knownTypeName(t uint8) string {
	switch t {
	case TypeText:
		return "text"
	case TypeResponse:
		return "response"
	case TypeMulticast:
		return "multicast"
	case TypeClient:
		return "client"
	case TypeSystem:
		return "system"
	case TypeHarbor:
		return "harbor"
	case TypeSocket:
		return "socket"
	case TypeError:
		return "error"
	case TypeQueue:
		return "queue"
	case TypeDebug:
		return "debug"
	case TypeLua:
		return "lua"
	case TypeSnax:
		return "snax"
	case TypeTrace:
		return "trace"
	}
	return ""
}

// TypeName returns the name used for ptype t in exported traces: "lua",
// "socket", ... and "ptype_N" for a type skynet does not name.
func TypeName(t uint8) string {
	return string(appendTypeName(nil, t))
}

func appendTypeName(dst []byte, t uint8) []byte {
	if n := knownTypeName(t); n != "" {
		return append(dst, n...)
	}
	return strconv.AppendUint(append(dst, "ptype_"...), uint64(t), 10)
}

// TypeByName is the inverse of TypeName.
func TypeByName(name string) (uint8, bool) {
	for t := 0; t <= TypeTrace; t++ {
		if knownTypeName(uint8(t)) == name {
			return uint8(t), true
		}
	}
	if rest, ok := strings.CutPrefix(name, "ptype_"); ok {
		if n, err := strconv.ParseUint(rest, 10, 8); err == nil {
			return uint8(n), true
		}
	}
	return 0, false
}
