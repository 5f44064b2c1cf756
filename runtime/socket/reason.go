package socket

import (
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/skyconsole/skyconsole/runtime"
)

// CloseReason says why a socket ended. Ends the owner should treat as
// failures are reported with an ERROR event whose payload is
// "<reason>: <detail>"; ordinary ends produce a CLOSE event with no
// payload, as in skynet; the remaining ones produce no event at all.
type CloseReason uint8

// The reasons, with their String form and the event the owner receives.
const (
	CloseNone          CloseReason = iota // "none": still open
	CloseLocal                            // "close": Close, after flushing (CLOSE)
	CloseShutdown                         // "shutdown": Shutdown, buffered writes dropped (CLOSE)
	CloseEOF                              // "eof": the peer closed its side (CLOSE)
	CloseReset                            // "reset": connection reset or broken pipe (ERROR)
	CloseWriteLimit                       // "write-limit": write buffer over the hard limit (ERROR)
	CloseTimeout                          // "timeout": Close could not flush in time (ERROR)
	CloseConnect                          // "connect": Connect failed (ERROR)
	CloseError                            // "error": any other I/O error (ERROR)
	CloseOwnerGone                        // "owner-gone": the owner died (no event)
	CloseServerStopped                    // "server-closed": Server.Close (no event)
	CloseAbandoned                        // "abandoned": Abandon (no event)
)

var reasonNames = [...]string{
	"none", "close", "shutdown", "eof", "reset", "write-limit", "timeout",
	"connect", "error", "owner-gone", "server-closed", "abandoned",
}

func (r CloseReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "reason_" + strconv.Itoa(int(r))
}

// event is the socket subtype sent to the owner, 0 for none.
func (r CloseReason) event() uint8 {
	switch r {
	case CloseLocal, CloseShutdown, CloseEOF:
		return runtime.SockClose
	case CloseReset, CloseWriteLimit, CloseTimeout, CloseConnect, CloseError:
		return runtime.SockError
	}
	return 0
}

// ParseCloseReason reads the reason at the start of an ERROR payload
// ("write-limit: 67108865 bytes buffered") or a bare reason name.
func ParseCloseReason(payload string) (CloseReason, bool) {
	name, _, _ := strings.Cut(payload, ":")
	for i, n := range reasonNames {
		if n == name {
			return CloseReason(i), true
		}
	}
	return CloseNone, false
}

// reasonFor classifies an I/O error that ended a connection.
func reasonFor(err error) CloseReason {
	switch {
	case errors.Is(err, io.EOF):
		return CloseEOF
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrClosedPipe):
		return CloseReset
	case errors.Is(err, os.ErrDeadlineExceeded):
		return CloseTimeout
	case errors.Is(err, net.ErrClosed):
		// Only seen when the socket was already ended by someone else;
		// finish ignores a second end.
		return CloseLocal
	}
	return CloseError
}
