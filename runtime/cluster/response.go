package cluster

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
)

// ResponseKind is the type byte of a response body; the values are the
// wire's.
type ResponseKind uint8

const (
	// RespError: the call failed; Data is the raw error text.
	RespError ResponseKind = 0
	// RespOK: the whole reply payload.
	RespOK ResponseKind = 1
	// RespBegin opens a multi-part reply; Total is its size.
	RespBegin ResponseKind = 2
	// RespPart is a chunk of a multi-part reply with more to follow.
	RespPart ResponseKind = 3
	// RespEnd is the final chunk of a multi-part reply.
	RespEnd ResponseKind = 4
)

var responseKindNames = [...]string{"error", "ok", "begin", "part", "end"}

func (k ResponseKind) String() string {
	if int(k) < len(responseKindNames) {
		return responseKindNames[k]
	}
	return "type_" + strconv.Itoa(int(k))
}

// Response is one decoded response frame body. Data aliases the body
// passed to UnpackResponse and is empty for RespBegin, whose Total gives
// the size the parts add up to.
type Response struct {
	Session uint32
	Kind    ResponseKind
	Total   uint32
	Data    []byte
}

// OK reports whether the frame belongs to a successful reply: every kind
// but RespError.
func (r Response) OK() bool { return r.Kind != RespError }

// Padding is skynet's "more frames of this reply follow": true for
// RespBegin and RespPart.
func (r Response) Padding() bool { return r.Kind == RespBegin || r.Kind == RespPart }

// PackResponse encodes the listener's answer to session and returns the
// frames to write in order, each with its netpack length prefix.
//
// A failure (ok false) is always one frame: payload is raw error text,
// not a packed value, and is cut to PartSize bytes. A success of up to
// PartSize bytes is one frame; a larger one is a begin frame with the
// total, PartSize chunks and a final chunk. Note the boundary differs
// from requests, which split at PartSize itself.
//
// The only error is a successful payload too large for the uint32 total.
func PackResponse(session uint32, ok bool, payload []byte) ([][]byte, error) {
	kind := RespOK
	if !ok {
		kind = RespError
		// Error text is for humans; skynet truncates rather than split
		// it, so a failure never needs reassembly.
		payload = payload[:min(len(payload), PartSize)]
	}
	if len(payload) <= PartSize {
		buf := make([]byte, 0, frameHeader+5+len(payload))
		buf = appendResponseHead(buf, 5+len(payload), session, kind)
		return [][]byte{append(buf, payload...)}, nil
	}
	if uint64(len(payload)) > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d bytes, the begin frame declares sizes in 32 bits", ErrPayloadTooLarge, len(payload))
	}

	parts := (len(payload)-1)/PartSize + 1
	buf := make([]byte, 0, frameHeader+9+parts*(frameHeader+5)+len(payload))
	frames := make([][]byte, 0, 1+parts)
	buf = appendResponseHead(buf, 9, session, RespBegin)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(payload)))
	frames = append(frames, buf[:len(buf):len(buf)])
	for rest := payload; len(rest) > 0; {
		chunk, kind := rest, RespEnd
		if len(chunk) > PartSize {
			chunk, kind = rest[:PartSize], RespPart
		}
		rest = rest[len(chunk):]
		start := len(buf)
		buf = appendResponseHead(buf, 5+len(chunk), session, kind)
		buf = append(buf, chunk...)
		frames = append(frames, buf[start:len(buf):len(buf)])
	}
	return frames, nil
}

func appendResponseHead(buf []byte, body int, session uint32, kind ResponseKind) []byte {
	buf = appendFrameLen(buf, body)
	buf = binary.LittleEndian.AppendUint32(buf, session)
	return append(buf, byte(kind))
}

// UnpackResponse decodes one response frame body (without the netpack
// length prefix). Bodies skynet's unpackresponse returns nothing for (under
// 5 bytes, an unknown type, a begin frame that is not exactly 9 bytes)
// give ErrNotResponse; skynet's caller side treats those as a broken
// connection, and so should the owner of this one.
//
// RespOK and RespEnd decode alike apart from Kind: skynet cannot tell them
// apart on receipt, and ResponseAssembler keeps that leniency.
func UnpackResponse(body []byte) (Response, error) {
	if len(body) < 5 {
		return Response{}, fmt.Errorf("%w: %d-byte body, need at least 5", ErrNotResponse, len(body))
	}
	r := Response{Session: binary.LittleEndian.Uint32(body), Kind: ResponseKind(body[4])}
	switch r.Kind {
	case RespError, RespOK, RespPart, RespEnd:
		r.Data = body[5:]
	case RespBegin:
		if len(body) != 9 {
			return Response{}, fmt.Errorf("%w: begin frame of %d bytes, must be 9", ErrNotResponse, len(body))
		}
		r.Total = binary.LittleEndian.Uint32(body[5:])
	default:
		return Response{}, fmt.Errorf("%w: unknown type %d", ErrNotResponse, body[4])
	}
	return r, nil
}
