package sproto

import "fmt"

// Kind is the element kind of a field. The numbering is the one the binary
// bundle uses for builtin types, with Struct following them.
type Kind uint8

// Field element kinds.
const (
	Integer Kind = iota
	Boolean
	String
	Double
	Struct
)

// String returns the schema-language spelling of the kind.
func (k Kind) String() string {
	switch k {
	case Integer:
		return "integer"
	case Boolean:
		return "boolean"
	case String:
		return "string"
	case Double:
		return "double"
	case Struct:
		return "struct"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Field is one member of a Type. Fields are immutable once their Schema is
// built, so a Schema can be shared by any number of goroutines.
type Field struct {
	Name  string
	Tag   int
	Kind  Kind
	Array bool
	// Binary marks a String field declared as `binary`: it decodes to
	// []byte instead of string. The wire format is the same.
	Binary bool
	// Decimal is N for an `integer(N)` field and -1 otherwise.
	Decimal int
	// Struct is the element type when Kind == Struct.
	Struct *Type
	// Key is the tag of the key field of Struct for `*T(key)` and `*T()`
	// fields, -1 for plain arrays.
	Key int
	// Map marks `*T()`: each element is a two-field struct read as
	// key -> value rather than key -> whole struct.
	Map bool

	// scale is 10^Decimal computed the way the C loader does (32-bit int
	// arithmetic); 0 means the field takes the plain integer path.
	scale float64
	// keyField and valueField resolve Key for map fields.
	keyField   *Field
	valueField *Field
}

// IsMap reports whether the field is written as a map (`*T(key)` or `*T()`).
func (f *Field) IsMap() bool { return f.Key >= 0 }

// Type is a struct type of a schema.
type Type struct {
	Name string
	// Fields in ascending tag order.
	Fields []Field

	byName map[string]*Field
	// maxn bounds the number of header records one encoding can need:
	// one per field plus one skip record per gap in the tags.
	maxn int
	// base is the tag of Fields[0] when the tags are contiguous, which
	// turns tag lookup into an index; -1 otherwise.
	base int
}

// Field returns the field with the given name, or nil.
func (t *Type) Field(name string) *Field { return t.byName[name] }

// FieldByTag returns the field with the given tag, or nil.
func (t *Type) FieldByTag(tag int) *Field {
	if t.base >= 0 {
		i := tag - t.base
		if i < 0 || i >= len(t.Fields) {
			return nil
		}
		return &t.Fields[i]
	}
	lo, hi := 0, len(t.Fields)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch ft := t.Fields[mid].Tag; {
		case ft == tag:
			return &t.Fields[mid]
		case ft < tag:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return nil
}

// Protocol is one RPC protocol of a schema.
type Protocol struct {
	Name string
	Tag  int
	// Request and Response are nil when the protocol has no such type.
	Request  *Type
	Response *Type
	// Confirm is set by `response nil`: the caller expects a reply, but
	// the reply carries no body.
	Confirm bool
}

// Schema is a loaded set of types and protocols. It is read-only after
// creation and safe for concurrent use.
type Schema struct {
	types       []*Type
	typeByName  map[string]*Type
	protos      []*Protocol
	protoByName map[string]*Protocol
	protoByTag  map[int]*Protocol
}

// Type returns the named type (full dotted name for nested types), or nil.
func (s *Schema) Type(name string) *Type { return s.typeByName[name] }

// Protocol returns the named protocol, or nil.
func (s *Schema) Protocol(name string) *Protocol { return s.protoByName[name] }

// ProtocolByTag returns the protocol with the given tag, or nil.
func (s *Schema) ProtocolByTag(tag int) *Protocol { return s.protoByTag[tag] }

// Types returns the types in bundle order (sorted by name). The slice is a
// copy; the types themselves are shared.
func (s *Schema) Types() []*Type { return append([]*Type(nil), s.types...) }

// Protocols returns the protocols in bundle order (sorted by tag).
func (s *Schema) Protocols() []*Protocol { return append([]*Protocol(nil), s.protos...) }

func (s *Schema) lookupType(name string) (*Type, error) {
	if t := s.typeByName[name]; t != nil {
		return t, nil
	}
	return nil, fmt.Errorf("%w: type %s not found", ErrUnknownType, name)
}

func (s *Schema) lookupProtocol(name string) (*Protocol, error) {
	if p := s.protoByName[name]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("%w: %s not found", ErrUnknownProtocol, name)
}

// Encode encodes msg as the named type (sproto:encode).
func (s *Schema) Encode(typeName string, msg map[string]any) ([]byte, error) {
	t, err := s.lookupType(typeName)
	if err != nil {
		return nil, err
	}
	return t.Encode(msg)
}

// Decode decodes data as the named type (sproto:decode). It also returns
// the number of bytes the message occupied; trailing bytes are ignored.
func (s *Schema) Decode(typeName string, data []byte) (map[string]any, int, error) {
	t, err := s.lookupType(typeName)
	if err != nil {
		return nil, 0, err
	}
	return t.Decode(data)
}
