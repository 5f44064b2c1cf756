package tracer

import (
	"strconv"
	"strings"
)

// Outcome says how a traced message ended.
type Outcome uint8

const (
	// OK: the handler ran and returned.
	OK Outcome = iota
	// Error: the handler raised (the caller, if any, got an ERROR reply).
	Error
	// Dead: the destination did not exist or had exited (a dead letter).
	Dead
	// Dropped: the message was discarded before dispatch, for example by a
	// mailbox or connection limit.
	Dropped
)

func (o Outcome) String() string {
	switch o {
	case OK:
		return "ok"
	case Error:
		return "error"
	case Dead:
		return "dead"
	case Dropped:
		return "dropped"
	}
	return "outcome_" + strconv.Itoa(int(o))
}

// ParseOutcome is the inverse of Outcome.String for the four named outcomes.
func ParseOutcome(s string) (Outcome, bool) {
	for o := OK; o <= Dropped; o++ {
		if o.String() == s {
			return o, true
		}
	}
	return 0, false
}

// SockKind is the subtype of a SOCKET message (skynet's SKYNET_SOCKET_TYPE_*).
type SockKind uint8

const (
	SockNone SockKind = iota
	SockData
	SockConnect
	SockClose
	SockAccept
	SockError
	SockUDP
	SockWarning
)

func (k SockKind) String() string {
	switch k {
	case SockNone:
		return "none"
	case SockData:
		return "data"
	case SockConnect:
		return "connect"
	case SockClose:
		return "close"
	case SockAccept:
		return "accept"
	case SockError:
		return "error"
	case SockUDP:
		return "udp"
	case SockWarning:
		return "warning"
	}
	return "sock_" + strconv.Itoa(int(k))
}

// ParseSockKind is the inverse of SockKind.String.
func ParseSockKind(s string) (SockKind, bool) {
	for k := SockNone; k <= SockWarning; k++ {
		if k.String() == s {
			return k, true
		}
	}
	if rest, ok := strings.CutPrefix(s, "sock_"); ok {
		if n, err := strconv.ParseUint(rest, 10, 8); err == nil {
			return SockKind(n), true
		}
	}
	return 0, false
}
