package runtime

import (
	"fmt"
	"strconv"
	"strings"
)

// Handle is a service address: the harbor id in the high 8 bits and a
// node-local index in the low 24, as in skynet.
type Handle uint32

// HandleMask selects the node-local part of a handle.
const HandleMask = 0xffffff

// Harbor returns the node id encoded in the handle.
func (h Handle) Harbor() uint8 { return uint8(h >> 24) }

// String prints the handle the way skynet does: ":0100000a".
func (h Handle) String() string { return fmt.Sprintf(":%08x", uint32(h)) }

// ParseHandle reads ":0100000a", "0100000a" or a decimal number. A bare hex
// string without the harbor part gets harbor ORed in, as the debug console does.
func ParseHandle(s string, harbor uint8) (Handle, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("parse handle %q: %w", s, ErrBadAddress)
	}
	if s[0] == ':' {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return 0, fmt.Errorf("parse handle %q: %w", s, ErrBadAddress)
		}
		return Handle(v), nil
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("parse handle %q: %w", s, ErrBadAddress)
	}
	h := Handle(v)
	if h>>24 == 0 {
		h |= Handle(harbor) << 24
	}
	return h, nil
}
