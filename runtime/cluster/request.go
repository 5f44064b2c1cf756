package cluster

import (
	"encoding/binary"
	"fmt"
	"math"
)

const (
	// PartSize is the chunk size of multi-part messages and the threshold
	// for splitting: requests of PartSize bytes or more are split,
	// responses only when larger than PartSize.
	PartSize = 0x8000
	// MaxTraceTag is the longest trace tag PackTrace accepts.
	MaxTraceTag = 0x8000
	// frameHeader is the netpack length prefix every frame starts with.
	frameHeader = 2
)

// First byte of a request body. The multi-part header kinds are the
// single kinds plus one, 0x40 marks a push and 0x80 a name address.
const (
	typeHandle = 0x00
	typeMulti  = 0x01
	typePart   = 0x02
	typeLast   = 0x03
	typeTrace  = 0x04
	flagPush   = 0x40
	flagName   = 0x80
)

// PackRequest encodes a call to addr with the caller's current session
// and returns the frames to write in order, each with its netpack length
// prefix, and the session to use for the next request.
//
// Payloads under PartSize bytes give one frame. Larger ones give a header
// frame declaring the total, then PartSize chunks tagged "more" and a
// last chunk (a payload of exactly PartSize is a header and one last
// chunk). The frames of one request share a single allocation.
//
// Sessions outside 1..MaxSession and names outside 1..MaxNameLen bytes
// are refused, as skynet refuses them.
func PackRequest(addr Addr, session uint32, payload []byte) (frames [][]byte, next uint32, err error) {
	frames, err = packRequest(addr, session, payload, false)
	if err != nil {
		return nil, 0, err
	}
	return frames, NextSession(session), nil
}

// PackPush encodes a send (no reply expected) like PackRequest, with one
// difference in how sessions are used. A single-frame push carries 0 in
// its session field and does not consume a session: next == session. A
// multi-part push needs a real session to tie its parts together, so it
// carries session and next is NextSession(session).
//
// skynet's packpush always returns session+1 and leaves it to the sender
// to ignore that value for single pushes; here the rule is built in.
// session is checked even for single pushes, as skynet checks it.
func PackPush(addr Addr, session uint32, payload []byte) (frames [][]byte, next uint32, err error) {
	frames, err = packRequest(addr, session, payload, true)
	if err != nil {
		return nil, 0, err
	}
	if len(frames) == 1 {
		return frames, session, nil
	}
	return frames, NextSession(session), nil
}

// PackTrace encodes the trace frame a caller sends just before a request
// to make the remote service log under tag. The sender is expected to
// have prefixed the tag with "(node-remote-session)" already; the codec
// takes it as given.
func PackTrace(tag string) ([]byte, error) {
	if len(tag) > MaxTraceTag {
		return nil, fmt.Errorf("%w: trace tag is too long : %d", ErrTraceTag, len(tag))
	}
	buf := make([]byte, 0, frameHeader+1+len(tag))
	buf = appendFrameLen(buf, 1+len(tag))
	buf = append(buf, typeTrace)
	return append(buf, tag...), nil
}

func packRequest(addr Addr, session uint32, payload []byte, push bool) ([][]byte, error) {
	// skynet checks in this order; keeping it makes the same bad call
	// report the same error.
	if err := checkSession(session); err != nil {
		return nil, err
	}
	if err := addr.check(); err != nil {
		return nil, err
	}
	if uint64(len(payload)) > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d bytes, the header declares sizes in 32 bits", ErrPayloadTooLarge, len(payload))
	}

	if len(payload) < PartSize {
		wire := session
		if push {
			wire = 0 // the listener recognises a single push by session 0
		}
		body := addrLen(addr) + 4 + len(payload)
		buf := make([]byte, 0, frameHeader+body)
		buf = appendFrameLen(buf, body)
		buf = appendAddr(buf, typeHandle, addr)
		buf = binary.LittleEndian.AppendUint32(buf, wire)
		buf = append(buf, payload...)
		return [][]byte{buf}, nil
	}

	kind := byte(typeMulti)
	if push {
		kind |= flagPush
	}
	parts := (len(payload)-1)/PartSize + 1
	head := addrLen(addr) + 8
	buf := make([]byte, 0, frameHeader+head+parts*(frameHeader+5)+len(payload))
	frames := make([][]byte, 0, 1+parts)

	buf = appendFrameLen(buf, head)
	buf = appendAddr(buf, kind, addr)
	buf = binary.LittleEndian.AppendUint32(buf, session)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(payload)))
	frames = append(frames, buf[:len(buf):len(buf)])

	for rest := payload; len(rest) > 0; {
		chunk, kind := rest, byte(typeLast)
		if len(chunk) > PartSize {
			chunk, kind = rest[:PartSize], typePart
		}
		rest = rest[len(chunk):]
		start := len(buf)
		buf = appendFrameLen(buf, 5+len(chunk))
		buf = append(buf, kind)
		buf = binary.LittleEndian.AppendUint32(buf, session)
		buf = append(buf, chunk...)
		// Capped so that a caller appending to one frame cannot
		// overwrite the next one in the shared buffer.
		frames = append(frames, buf[start:len(buf):len(buf)])
	}
	return frames, nil
}

// addrLen is the size of the kind byte plus the address.
func addrLen(a Addr) int {
	if a.named {
		return 2 + len(a.name)
	}
	return 5
}

// appendAddr writes the kind byte (flagName added for names) and the
// address: a little-endian handle, or a length byte and the name.
func appendAddr(buf []byte, kind byte, a Addr) []byte {
	if a.named {
		buf = append(buf, kind|flagName, byte(len(a.name)))
		return append(buf, a.name...)
	}
	buf = append(buf, kind)
	return binary.LittleEndian.AppendUint32(buf, a.handle)
}

// appendFrameLen writes the netpack prefix. Every caller's body is below
// 64 KiB by construction (a chunk, or a single frame under PartSize plus
// at most a 255-byte name).
func appendFrameLen(buf []byte, n int) []byte {
	return binary.BigEndian.AppendUint16(buf, uint16(n))
}
