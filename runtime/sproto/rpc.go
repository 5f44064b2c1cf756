package sproto

import "fmt"

// rpc.go holds the header-less halves of the RPC layer (sproto.lua's
// request_encode and friends): bodies only, not packed, no header.

// RequestEncode encodes args as the request of the named protocol and
// returns the body with the protocol tag. A protocol without a request
// type yields an empty body, and args must then be nil.
func (s *Schema) RequestEncode(proto string, args map[string]any) ([]byte, int, error) {
	p, err := s.lookupProtocol(proto)
	if err != nil {
		return nil, 0, err
	}
	b, err := encodeBody(p, p.Request, true, args, nil)
	return b, p.Tag, err
}

// ResponseEncode encodes args as the response of the named protocol. A
// protocol without a response type yields an empty body, and args must
// then be nil.
func (s *Schema) ResponseEncode(proto string, args map[string]any) ([]byte, error) {
	p, err := s.lookupProtocol(proto)
	if err != nil {
		return nil, err
	}
	return encodeBody(p, p.Response, true, args, nil)
}

// RequestDecode decodes a request body of the named protocol. It returns
// nil for a protocol without a request type.
func (s *Schema) RequestDecode(proto string, body []byte) (map[string]any, error) {
	p, err := s.lookupProtocol(proto)
	if err != nil {
		return nil, err
	}
	return decodeBody(p.Request, body)
}

// ResponseDecode decodes a response body of the named protocol. It returns
// nil for a protocol without a response type.
func (s *Schema) ResponseDecode(proto string, body []byte) (map[string]any, error) {
	p, err := s.lookupProtocol(proto)
	if err != nil {
		return nil, err
	}
	return decodeBody(p.Response, body)
}

// encodeBody appends the body of one direction of p to dst. A real type
// needs args (a nil table cannot be indexed). Without a type there is no
// body; strict then refuses args, as sproto's encoder does when handed no
// type and a table, while sproto.lua's attach and its responder for a
// protocol with no response at all never pass args down.
func encodeBody(p *Protocol, t *Type, strict bool, args map[string]any, dst []byte) ([]byte, error) {
	switch {
	case t != nil:
		if args == nil {
			return dst, fmt.Errorf("%w: %s: attempt to index a nil value", ErrEncode, p.Name)
		}
		return t.AppendEncode(dst, args)
	case strict && args != nil:
		return dst, fmt.Errorf("%w: %s has no type for these args: bad argument #2 to 'encode' (nil expected, got table)", ErrUnexpectedArgs, p.Name)
	}
	if dst == nil {
		dst = []byte{}
	}
	return dst, nil
}

func decodeBody(t *Type, body []byte) (map[string]any, error) {
	if t == nil {
		return nil, nil
	}
	m, _, err := t.Decode(body)
	return m, err
}
