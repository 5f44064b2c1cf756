package runtime

import "strconv"

// PType is a skynet protocol type: a small integer carried by every message.
type PType uint8

// The protocol numbers are skynet's; the Lua side and the wire depend on them.
const (
	PTypeText      PType = 0
	PTypeResponse  PType = 1
	PTypeMulticast PType = 2
	PTypeClient    PType = 3
	PTypeSystem    PType = 4
	PTypeHarbor    PType = 5
	PTypeSocket    PType = 6
	PTypeError     PType = 7
	PTypeQueue     PType = 8
	PTypeDebug     PType = 9
	PTypeLua       PType = 10
	PTypeSnax      PType = 11
	PTypeTrace     PType = 12
)

var ptypeNames = [...]string{"text", "response", "multicast", "client", "system", "harbor", "socket", "error", "queue", "debug", "lua", "snax", "trace"}

// String gives the lower-case name skynet's Lua side uses, or ptype_N.
func (p PType) String() string {
	if int(p) < len(ptypeNames) {
		return ptypeNames[p]
	}
	return "ptype_" + strconv.Itoa(int(p))
}

// IsReply reports whether messages of this type answer a session rather
// than open one.
func (p PType) IsReply() bool { return p == PTypeResponse || p == PTypeError }
