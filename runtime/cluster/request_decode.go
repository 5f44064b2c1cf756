package cluster

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// RequestKind is the role of one request frame.
type RequestKind uint8

const (
	// ReqSingle is a whole request or push in one frame.
	ReqSingle RequestKind = iota + 1
	// ReqHeader opens a multi-part request or push: address, session and
	// the total payload size, no payload.
	ReqHeader
	// ReqPart is a chunk of a multi-part payload with more to follow.
	ReqPart
	// ReqLast is the final chunk of a multi-part payload.
	ReqLast
	// ReqTrace carries a trace tag for the request frame that follows.
	ReqTrace
)

var requestKindNames = [...]string{"", "single", "header", "part", "last", "trace"}

func (k RequestKind) String() string {
	if k > 0 && int(k) < len(requestKindNames) {
		return requestKindNames[k]
	}
	return "kind_" + strconv.Itoa(int(k))
}

// Request is one decoded request frame body. Which fields are meaningful
// depends on Kind:
//
//	Kind       Addr  Session  Push  Total  Data
//	ReqSingle  yes   yes      yes   -      payload
//	ReqHeader  yes   yes      yes   yes    -
//	ReqPart    -     yes      -     -      chunk
//	ReqLast    -     yes      -     -      chunk
//	ReqTrace   -     -        -     -      tag
//
// A single request is a push when its session is 0; a header says so in
// its kind byte and carries a real session either way.
//
// Data aliases the body passed to UnpackRequest; copy it to keep it past
// the body's lifetime. A name address is copied.
type Request struct {
	Kind    RequestKind
	Addr    Addr
	Session uint32
	Push    bool
	Total   uint32
	Data    []byte
}

// Padding is skynet's name for "more frames of this message follow":
// true for headers and non-final parts.
func (r Request) Padding() bool { return r.Kind == ReqHeader || r.Kind == ReqPart }

// UnpackRequest decodes one request frame body (without the netpack
// length prefix). It accepts and rejects exactly what skynet's
// cluster.unpackrequest does, with skynet's message after the sentinel:
//
//   - an empty body, or an unknown first byte;
//   - a single request shorter than its address and session;
//   - a numeric multi-part header that is not exactly 13 bytes (a named
//     one may carry trailing bytes, which are ignored);
//   - a part without a full session.
//
// A valid body decodes without allocating, apart from a name's string,
// whatever a header declares: totals are only numbers until an assembler
// acts on them.
func UnpackRequest(body []byte) (Request, error) {
	if len(body) == 0 {
		return Request{}, malformed("Invalid req package. size == 0")
	}
	le := binary.LittleEndian
	switch t := body[0]; t {
	case typeHandle:
		if len(body) < 9 {
			return Request{}, malformedSize(len(body))
		}
		s := le.Uint32(body[5:])
		return Request{Kind: ReqSingle, Addr: HandleAddr(le.Uint32(body[1:])), Session: s, Push: s == 0, Data: body[9:]}, nil

	case typeMulti, typeMulti | flagPush:
		if len(body) != 13 {
			return Request{}, malformed(fmt.Sprintf("Invalid cluster message size %d (multi req must be 13)", len(body)))
		}
		return Request{Kind: ReqHeader, Addr: HandleAddr(le.Uint32(body[1:])), Session: le.Uint32(body[5:]),
			Push: t&flagPush != 0, Total: le.Uint32(body[9:])}, nil

	case typePart, typeLast:
		if len(body) < 5 {
			return Request{}, malformed("Invalid cluster multi part message")
		}
		k := ReqPart
		if t == typeLast {
			k = ReqLast
		}
		return Request{Kind: k, Session: le.Uint32(body[1:]), Data: body[5:]}, nil

	case typeTrace:
		return Request{Kind: ReqTrace, Data: body[1:]}, nil

	case typeHandle | flagName:
		name, rest, ok := cutName(body, 4)
		if !ok {
			return Request{}, malformedSize(len(body))
		}
		s := le.Uint32(rest)
		return Request{Kind: ReqSingle, Addr: NameAddr(name), Session: s, Push: s == 0, Data: rest[4:]}, nil

	case typeMulti | flagName, typeMulti | flagName | flagPush:
		name, rest, ok := cutName(body, 8)
		if !ok {
			return Request{}, malformedSize(len(body))
		}
		return Request{Kind: ReqHeader, Addr: NameAddr(name), Session: le.Uint32(rest),
			Push: t&flagPush != 0, Total: le.Uint32(rest[4:])}, nil

	default:
		// skynet formats the byte as a signed C char: 0x90 reads -112.
		return Request{}, malformed("Invalid req package type " + strconv.Itoa(int(int8(t))))
	}
}

// cutName splits a named body after its length-prefixed name, requiring
// at least fixed more bytes.
func cutName(body []byte, fixed int) (name string, rest []byte, ok bool) {
	if len(body) < 2 {
		return "", nil, false
	}
	n := int(body[1])
	if len(body) < 2+n+fixed {
		return "", nil, false
	}
	return string(body[2 : 2+n]), body[2+n:], true
}

func malformed(msg string) error { return fmt.Errorf("%w: %s", ErrMalformedRequest, msg) }

func malformedSize(n int) error {
	return malformed("Invalid cluster message (size=" + strconv.Itoa(n) + ")")
}
