package sproto

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can branch with errors.Is while the message keeps the
// wording of the reference implementation (which scripts may match on).
var (
	// ErrSyntax: the schema text does not follow the grammar.
	ErrSyntax = errors.New("sproto: syntax error")
	// ErrSchema: the schema text parses but is inconsistent (duplicate tag,
	// undefined type, bad map definition, ...).
	ErrSchema = errors.New("sproto: invalid schema")
	// ErrBundle: a binary schema bundle is malformed.
	ErrBundle = errors.New("sproto: invalid bundle")
	// ErrEncode: a message value does not fit its schema type.
	ErrEncode = errors.New("sproto: encode error")
	// ErrDecode: encoded bytes are malformed for the requested type.
	ErrDecode = errors.New("sproto: decode error")
	// ErrUnpack: a 0-packed stream is truncated or malformed.
	ErrUnpack = errors.New("sproto: Invalid unpack stream")
	// ErrUnknownType: no type with that name in the schema.
	ErrUnknownType = errors.New("sproto: unknown type")
	// ErrUnknownProtocol: no protocol with that name or tag in the schema.
	ErrUnknownProtocol = errors.New("sproto: unknown protocol")
	// ErrSession: a response names a session that is absent or unknown.
	ErrSession = errors.New("sproto: session error")
	// ErrUnexpectedArgs: args were given for a direction of a protocol
	// that has no type (a `response nil` reply, a protocol without
	// request).
	ErrUnexpectedArgs = errors.New("sproto: unexpected args")
)

// SchemaError is a schema text error. Line is the reference's line for
// syntax errors and the line of the offending definition otherwise.
type SchemaError struct {
	Syntax bool
	Line   int
	Msg    string
}

func (e *SchemaError) Error() string {
	if e.Syntax || e.Line <= 0 {
		return "sproto: " + e.Msg
	}
	return fmt.Sprintf("sproto: %s (line %d)", e.Msg, e.Line)
}

// Unwrap lets errors.Is tell syntax errors from semantic ones.
func (e *SchemaError) Unwrap() error {
	if e.Syntax {
		return ErrSyntax
	}
	return ErrSchema
}
