package cluster

import (
	"fmt"
	"math"
)

// MaxSession is the largest session a caller uses. skynet's packer takes
// the session as a C int and refuses anything <= 0, so the counter wraps
// from here back to 1 rather than into negative numbers.
const MaxSession = math.MaxInt32

// NextSession is the session a caller uses after s: s+1, wrapping from
// MaxSession (and anything above it) to 1.
func NextSession(s uint32) uint32 {
	if s >= MaxSession {
		return 1
	}
	return s + 1
}

// checkSession refuses what skynet's packer refuses: its session argument
// is a C int, so values above MaxSession are negative there and fail the
// same "<= 0" test as 0. The message prints the value as skynet sees it.
func checkSession(s uint32) error {
	if s == 0 || s > MaxSession {
		return fmt.Errorf("%w: Invalid request session %d", ErrSession, int32(s))
	}
	return nil
}
