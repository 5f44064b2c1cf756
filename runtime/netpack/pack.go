package netpack

import "fmt"

const (
	// HeaderSize is the length prefix of every frame.
	HeaderSize = 2
	// MaxFrame is the largest payload a uint16 length can declare.
	MaxFrame = 0xffff
)

// Pack returns payload framed for a gate connection: a big-endian uint16
// length followed by the payload. Empty payloads are legal frames.
func Pack(payload []byte) ([]byte, error) {
	return AppendPack(make([]byte, 0, HeaderSize+len(payload)), payload)
}

// AppendPack appends the framed payload to dst, so a writer can batch
// several frames in one buffer. On error dst is returned unchanged.
func AppendPack(dst, payload []byte) ([]byte, error) {
	if len(payload) > MaxFrame {
		// skynet's netpack.pack refuses rather than truncates: a silently
		// wrapped length would desynchronise the peer's decoder.
		return dst, fmt.Errorf("%w: %d bytes, max %d", ErrPayloadTooLarge, len(payload), MaxFrame)
	}
	dst = append(dst, byte(len(payload)>>8), byte(len(payload)))
	return append(dst, payload...), nil
}
