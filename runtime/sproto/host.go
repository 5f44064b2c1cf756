package sproto

import (
	"fmt"
	"sync"
)

// PacketKind tells a dispatched request from a response.
type PacketKind uint8

// Packet kinds.
const (
	Request PacketKind = iota + 1
	Response
)

// String returns the name sproto.lua's dispatch returns.
func (k PacketKind) String() string {
	switch k {
	case Request:
		return "REQUEST"
	case Response:
		return "RESPONSE"
	}
	return fmt.Sprintf("PacketKind(%d)", uint8(k))
}

// Session is an optional RPC session id. The zero value means "no session":
// a one-way request that gets no responder.
type Session struct {
	ID    int64
	Valid bool
}

// WithSession returns a present session id (0 is a valid id).
func WithSession(id int64) Session { return Session{ID: id, Valid: true} }

// Responder encodes the reply to a dispatched request: header (session,
// ud) plus the response body, 0-packed.
type Responder func(args map[string]any, ud any) ([]byte, error)

// RequestEncoder encodes a request to a remote schema: header (protocol
// tag, session, ud) plus the request body, 0-packed.
type RequestEncoder func(name string, args map[string]any, session Session, ud any) ([]byte, error)

// Dispatched is one decoded packet.
type Dispatched struct {
	Kind PacketKind
	// Name and Tag identify the protocol of a request.
	Name string
	Tag  int
	// Args is the request's arguments or the response's result; nil when
	// the protocol has no type for that direction.
	Args    map[string]any
	Session Session
	UD      any
	// Responder is set for requests that carry a session.
	Responder Responder
}

// Host is one end of an RPC conversation (sproto.lua's host): it dispatches
// incoming packets against its own schema and remembers the sessions of
// the requests it sent, to decode their responses.
type Host struct {
	schema *Schema
	pkg    *Type

	mu       sync.Mutex
	sessions map[int64]pending
}

// pending is what a sent request expects back.
type pending struct {
	response *Type // nil: the response has no body
}

// NewHost returns a host for schema s whose packet header is the type
// named packageName ("" means "package", the conventional
// `.package { type 0 : integer  session 1 : integer }`).
func NewHost(s *Schema, packageName string) (*Host, error) {
	if packageName == "" {
		packageName = "package"
	}
	pkg, err := s.lookupType(packageName)
	if err != nil {
		return nil, err
	}
	return &Host{schema: s, pkg: pkg, sessions: map[int64]pending{}}, nil
}

// header is the packet header as a field source for the encoder; fields
// the package type does not declare are simply not written.
type header struct {
	typ     int64
	hasType bool
	session Session
	ud      any
}

func (h *header) get(name string) any {
	switch name {
	case "type":
		if h.hasType {
			return h.typ
		}
	case "session":
		if h.session.Valid {
			return h.session.ID
		}
	case "ud":
		return h.ud
	}
	return nil
}

// packet encodes header and body and 0-packs them.
func (h *Host) packet(hdr header, p *Protocol, body *Type, strict bool, args map[string]any) ([]byte, error) {
	buf, err := encodeTop(make([]byte, 0, 64), h.pkg, structSrc{hdr: &hdr})
	if err != nil {
		return nil, err
	}
	if buf, err = encodeBody(p, body, strict, args, buf); err != nil {
		return nil, err
	}
	return Pack(buf), nil
}

// Attach returns an encoder for requests to a peer whose protocols are
// described by remote. Requests with a session are remembered, so this
// host can dispatch their responses.
func (h *Host) Attach(remote *Schema) RequestEncoder {
	return func(name string, args map[string]any, session Session, ud any) ([]byte, error) {
		p, err := remote.lookupProtocol(name)
		if err != nil {
			return nil, err
		}
		hdr := header{typ: int64(p.Tag), hasType: true, session: session, ud: ud}
		out, err := h.packet(hdr, p, p.Request, false, args)
		if err != nil {
			return nil, err
		}
		if session.Valid {
			h.mu.Lock()
			h.sessions[session.ID] = pending{response: p.Response}
			h.mu.Unlock()
		}
		return out, nil
	}
}

// Dispatch decodes one packet. A header with a type is a request for one
// of this host's protocols; one without is the response to a session this
// host sent, which is forgotten once answered.
func (h *Host) Dispatch(packed []byte) (Dispatched, error) {
	bin, err := Unpack(packed)
	if err != nil {
		return Dispatched{}, err
	}
	hm, n, err := h.pkg.Decode(bin)
	if err != nil {
		return Dispatched{}, err
	}
	content := bin[n:]
	d := Dispatched{UD: hm["ud"]}
	if s, ok := hm["session"]; ok {
		id, ok := s.(int64)
		if !ok {
			return Dispatched{}, fmt.Errorf("%w: session is not an integer", ErrSession)
		}
		d.Session = WithSession(id)
	}
	if t, ok := hm["type"]; ok {
		tag, ok := t.(int64)
		if !ok {
			return Dispatched{}, fmt.Errorf("%w: header type is not an integer", ErrDecode)
		}
		p := h.schema.ProtocolByTag(int(tag))
		if p == nil || int64(p.Tag) != tag {
			return Dispatched{}, fmt.Errorf("%w: %d not found", ErrUnknownProtocol, tag)
		}
		d.Kind, d.Name, d.Tag = Request, p.Name, p.Tag
		if d.Args, err = decodeBody(p.Request, content); err != nil {
			return Dispatched{}, err
		}
		if d.Session.Valid {
			d.Responder = h.responder(p, d.Session)
		}
		return d, nil
	}
	d.Kind = Response
	if !d.Session.Valid {
		return Dispatched{}, fmt.Errorf("%w: session not found", ErrSession)
	}
	h.mu.Lock()
	pend, ok := h.sessions[d.Session.ID]
	delete(h.sessions, d.Session.ID)
	h.mu.Unlock()
	if !ok {
		return Dispatched{}, fmt.Errorf("%w: Unknown session %d", ErrSession, d.Session.ID)
	}
	if d.Args, err = decodeBody(pend.response, content); err != nil {
		return Dispatched{}, err
	}
	return d, nil
}

// responder answers a request. `response nil` refuses args; a protocol
// with no response at all ignores them, as sproto.lua's responder does.
func (h *Host) responder(p *Protocol, session Session) Responder {
	return func(args map[string]any, ud any) ([]byte, error) {
		return h.packet(header{session: session, ud: ud}, p, p.Response, p.Confirm, args)
	}
}

// Pending reports how many sent requests still await a response.
func (h *Host) Pending() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sessions)
}
