package netpack

import "strconv"

// Event is what one socket read produced, named as skynet's
// netpack.filter names it so gate code ports one-to-one.
type Event uint8

const (
	// EventNone: no frame completed; any partial input was kept.
	EventNone Event = iota
	// EventData: the read completed exactly one frame and held nothing
	// after it. The frame is returned directly; nothing is queued.
	EventData
	// EventMore: the read completed at least one frame and held more
	// bytes after the first. Every completed frame is queued for Pop.
	EventMore
	// EventClose: the connection closed; its partial frame was dropped.
	EventClose
)

var eventNames = [...]string{"none", "data", "more", "close"}

// String gives skynet's lower-case event name, or event_N.
func (e Event) String() string {
	if int(e) < len(eventNames) {
		return eventNames[e]
	}
	return "event_" + strconv.Itoa(int(e))
}
