package seri

import (
	"encoding/binary"
	"math"
)

// Kind is the type of one decoded value header.
type Kind uint8

// Value kinds, one per wire type.
const (
	KindNil Kind = iota
	KindBool
	KindInt
	KindReal
	KindUserdata
	KindString
	KindTable
)

func (k Kind) String() string {
	switch k {
	case KindNil:
		return "nil"
	case KindBool:
		return "bool"
	case KindInt:
		return "int"
	case KindReal:
		return "real"
	case KindUserdata:
		return "userdata"
	case KindString:
		return "string"
	case KindTable:
		return "table"
	}
	return "invalid"
}

// Value is one decoded value header. Only the field matching Kind is set.
// It is a plain struct returned by value so that streaming decode does not
// allocate.
type Value struct {
	Kind     Kind
	Bool     bool
	Int      int64   // KindInt
	Real     float64 // KindReal
	Pointer  uint64  // KindUserdata
	Str      []byte  // KindString; aliases the decoder's input, never copied
	ArrayLen int     // KindTable; at most the bytes left, so safe to preallocate
}

// Decoder reads values one header at a time from a byte slice, so that a
// consumer (Go or Lua) can build its own representation without an
// intermediate tree.
//
// Protocol for tables: after Next returns a KindTable header with ArrayLen
// n, read exactly n values with Next (each may itself be a table), then call
// NextKey until it reports the end; after every key, read its value with
// Next. The Decoder counts open tables so it can bound nesting at
// [MaxDecodeDepth].
//
// Malformed input yields a [*StreamError]; the Decoder never panics and
// never reports a length larger than the input left could satisfy.
type Decoder struct {
	data  []byte
	off   int
	depth int
}

// NewDecoder returns a Decoder reading data.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// Reset makes the Decoder read data from the start.
func (d *Decoder) Reset(data []byte) {
	d.data = data
	d.off = 0
	d.depth = 0
}

// More reports whether any input is left. At the top level a stream simply
// ends; there is no count or terminator.
func (d *Decoder) More() bool { return d.off < len(d.data) }

// Offset returns the number of bytes consumed.
func (d *Decoder) Offset() int { return d.off }

// Remaining returns the number of bytes not yet consumed.
func (d *Decoder) Remaining() int { return len(d.data) - d.off }

// Depth returns the number of tables opened and not yet finished.
func (d *Decoder) Depth() int { return d.depth }

func (d *Decoder) fail(at int, reason string) error {
	return &StreamError{Remaining: len(d.data) - d.off, Offset: at, Reason: reason}
}

// take consumes n bytes, or fails without consuming anything, as skynet's
// reader does (so Remaining in the error matches its count).
func (d *Decoder) take(n int, what string) ([]byte, error) {
	if n < 0 || n > len(d.data)-d.off {
		return nil, d.fail(d.off, what)
	}
	p := d.data[d.off : d.off+n : d.off+n]
	d.off += n
	return p, nil
}

// Next decodes one value header.
func (d *Decoder) Next() (Value, error) {
	start := d.off
	if d.off >= len(d.data) {
		return Value{}, d.fail(start, "missing value")
	}
	tag := d.data[d.off]
	d.off++
	typ, cookie := tag&7, tag>>3
	switch typ {
	case typeNil:
		return Value{Kind: KindNil}, nil
	case typeBool:
		// skynet pushes the cookie as a C boolean: any non-zero is true.
		return Value{Kind: KindBool, Bool: cookie != 0}, nil
	case typeNumber:
		if cookie == numReal {
			p, err := d.take(8, "truncated real")
			if err != nil {
				return Value{}, err
			}
			return Value{Kind: KindReal, Real: math.Float64frombits(binary.LittleEndian.Uint64(p))}, nil
		}
		v, err := d.integer(cookie, start)
		if err != nil {
			return Value{}, err
		}
		return Value{Kind: KindInt, Int: v}, nil
	case typeUserdata:
		p, err := d.take(8, "truncated userdata")
		if err != nil {
			return Value{}, err
		}
		return Value{Kind: KindUserdata, Pointer: binary.LittleEndian.Uint64(p)}, nil
	case typeShortString:
		p, err := d.take(int(cookie), "truncated string")
		if err != nil {
			return Value{}, err
		}
		return Value{Kind: KindString, Str: p}, nil
	case typeLongString:
		return d.longString(cookie, start)
	case typeTable:
		return d.tableHeader(cookie, start)
	}
	return Value{}, d.fail(start, "invalid type 7")
}

// integer reads the payload of an integer whose tag was already consumed.
// Non-minimal widths are accepted: skynet only minimises on encode.
func (d *Decoder) integer(cookie byte, start int) (int64, error) {
	switch cookie {
	case numZero:
		return 0, nil
	case numByte:
		p, err := d.take(1, "truncated integer")
		if err != nil {
			return 0, err
		}
		return int64(p[0]), nil
	case numWord:
		p, err := d.take(2, "truncated integer")
		if err != nil {
			return 0, err
		}
		return int64(binary.LittleEndian.Uint16(p)), nil
	case numDword:
		p, err := d.take(4, "truncated integer")
		if err != nil {
			return 0, err
		}
		// DWORD is signed while BYTE and WORD are not.
		return int64(int32(binary.LittleEndian.Uint32(p))), nil
	case numQword:
		p, err := d.take(8, "truncated integer")
		if err != nil {
			return 0, err
		}
		return int64(binary.LittleEndian.Uint64(p)), nil
	}
	return 0, d.fail(start, "invalid number cookie")
}

func (d *Decoder) longString(cookie byte, start int) (Value, error) {
	var n int
	switch cookie {
	case longStringWord:
		p, err := d.take(2, "truncated string length")
		if err != nil {
			return Value{}, err
		}
		n = int(binary.LittleEndian.Uint16(p))
	case longStringDword:
		p, err := d.take(4, "truncated string length")
		if err != nil {
			return Value{}, err
		}
		u := binary.LittleEndian.Uint32(p)
		if uint64(u) > uint64(len(d.data)-d.off) {
			return Value{}, d.fail(d.off, "truncated string")
		}
		n = int(u)
	default:
		return Value{}, d.fail(start, "invalid long string cookie")
	}
	p, err := d.take(n, "truncated string")
	if err != nil {
		return Value{}, err
	}
	return Value{Kind: KindString, Str: p}, nil
}

func (d *Decoder) tableHeader(cookie byte, start int) (Value, error) {
	n := int64(cookie)
	if cookie == arrayLenFollows {
		if d.off >= len(d.data) {
			return Value{}, d.fail(d.off, "missing array length")
		}
		tag := d.data[d.off]
		d.off++
		if tag&7 != typeNumber || tag>>3 == numReal {
			return Value{}, d.fail(d.off-1, "array length is not an integer")
		}
		v, err := d.integer(tag>>3, d.off-1)
		if err != nil {
			return Value{}, err
		}
		n = v
	}
	// Every array slot takes at least one byte and the hash part needs its
	// terminator, so a longer claim is truncated input; rejecting it here
	// is what makes ArrayLen safe to preallocate from.
	if n < 0 || n > int64(len(d.data)-d.off-1) {
		return Value{}, d.fail(start, "array length exceeds input")
	}
	if d.depth >= MaxDecodeDepth {
		return Value{}, d.fail(start, "tables nested too deep")
	}
	d.depth++
	return Value{Kind: KindTable, ArrayLen: int(n)}, nil
}

// NextKey reads the next hash key of the innermost open table. It returns
// ok == false, and closes the table, when it reads the nil terminator.
func (d *Decoder) NextKey() (key Value, ok bool, err error) {
	if d.depth == 0 {
		return Value{}, false, ErrNoTable
	}
	if d.off >= len(d.data) {
		return Value{}, false, d.fail(d.off, "missing table terminator")
	}
	key, err = d.Next()
	if err != nil {
		return Value{}, false, err
	}
	if key.Kind == KindNil {
		d.depth--
		return Value{}, false, nil
	}
	// A Lua table cannot hold a NaN key (skynet's decoder fails in
	// lua_rawset), so no consumer should have to cope with one.
	if key.Kind == KindReal && key.Real != key.Real {
		return Value{}, false, ErrNaNKey
	}
	return key, true, nil
}
