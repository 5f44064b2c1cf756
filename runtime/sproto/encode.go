package sproto

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

const (
	// maxDepth is the nesting limit of lsproto (ENCODE_DEEPLEVEL), applied
	// to encoding and decoding alike; it also bounds recursion on hostile
	// input.
	maxDepth = 64
	// maxEncodeSize is lsproto's output limit.
	maxEncodeSize = 16 << 20
)

// Encode encodes msg as t. A nil msg encodes as an empty struct.
func (t *Type) Encode(msg map[string]any) ([]byte, error) {
	return t.AppendEncode(nil, msg)
}

// AppendEncode appends the encoding of msg to dst.
func (t *Type) AppendEncode(dst []byte, msg map[string]any) ([]byte, error) {
	return encodeTop(dst, t, structSrc{m: msg})
}

func encodeTop(dst []byte, t *Type, src structSrc) ([]byte, error) {
	e := encoder{b: dst}
	if err := e.structure(t, src, 0); err != nil {
		return dst, err
	}
	return e.b, nil
}

// structSrc is whatever plays the Lua table an encoded struct reads its
// fields from: a map, an ordered Map, the synthetic {key, value} pair of a
// `*T()` entry, or an RPC header.
type structSrc struct {
	m    map[string]any
	om   *Map
	pair *Field // the `*T()` field whose entry k -> v this is
	k, v any
	hdr  *header
}

func (s *structSrc) get(f *Field) any {
	switch {
	case s.m != nil:
		return s.m[f.Name]
	case s.om != nil:
		v, _ := s.om.Get(f.Name)
		return v
	case s.pair != nil:
		if f == s.pair.keyField {
			return s.k
		}
		if f == s.pair.valueField {
			return s.v
		}
	case s.hdr != nil:
		return s.hdr.get(f.Name)
	}
	return nil
}

// tableSrc views v as a struct; ok is false when v is not a table. A table
// with only an array part (a slice) has no named fields: an empty struct.
func tableSrc(v any) (structSrc, bool) {
	switch t := v.(type) {
	case map[string]any:
		return structSrc{m: t}, true
	case *Map:
		return structSrc{om: t}, true
	}
	if luaType(v) == "table" {
		return structSrc{}, true
	}
	return structSrc{}, false
}

type encoder struct {
	b []byte
}

func (e *encoder) typeErr(t *Type, f *Field, index int, want string, v any) error {
	return fmt.Errorf("%w: %s.%s[%d] is not %s (Is a %s)", ErrEncode, t.Name, f.Name, index, want, luaType(v))
}

func (e *encoder) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }

// reserve appends a length placeholder and returns its offset.
func (e *encoder) reserve() int {
	e.b = append(e.b, 0, 0, 0, 0)
	return len(e.b) - 4
}

func (e *encoder) fill(at int) error {
	n := len(e.b) - at - 4
	if n > maxEncodeSize {
		return fmt.Errorf("%w: object is too large (>16M)", ErrEncode)
	}
	binary.LittleEndian.PutUint32(e.b[at:], uint32(n))
	return nil
}

// structure writes one struct: a header of records, reserved for the worst
// case and compacted afterwards, followed by the data part.
func (e *encoder) structure(t *Type, src structSrc, depth int) error {
	if depth >= maxDepth {
		return fmt.Errorf("%w: The table is too deep", ErrEncode)
	}
	start := len(e.b)
	hdr := 2 + 2*t.maxn
	e.b = slices.Grow(e.b, hdr)[:start+hdr]
	rec, last := 0, -1
	for i := range t.Fields {
		f := &t.Fields[i]
		v := src.get(f)
		if v == nil {
			continue
		}
		value, err := e.field(t, f, v, depth)
		if err != nil {
			return err
		}
		if gap := f.Tag - last - 1; gap > 0 {
			skip := (gap-1)*2 + 1
			if skip > 0xffff {
				return fmt.Errorf("%w: %s.%s: tag gap too large", ErrEncode, t.Name, f.Name)
			}
			binary.LittleEndian.PutUint16(e.b[start+2+2*rec:], uint16(skip))
			rec++
		}
		binary.LittleEndian.PutUint16(e.b[start+2+2*rec:], uint16(value))
		rec++
		last = f.Tag
	}
	binary.LittleEndian.PutUint16(e.b[start:], uint16(rec))
	if rec < t.maxn {
		used := start + 2 + 2*rec
		n := copy(e.b[used:], e.b[start+hdr:])
		e.b = e.b[:used+n]
	}
	if len(e.b)-start > maxEncodeSize {
		return fmt.Errorf("%w: object is too large (>16M)", ErrEncode)
	}
	return nil
}

// field writes one present field and returns its header record: the
// inline value (n+1)*2, or 0 when the value went to the data part.
func (e *encoder) field(t *Type, f *Field, v any, depth int) (int, error) {
	if f.Array {
		return 0, e.array(t, f, v, depth)
	}
	switch f.Kind {
	case Integer:
		n, err := e.integer(t, f, v, 0)
		if err != nil {
			return 0, err
		}
		if n>>31 == 0 || n>>31 == -1 {
			if uint32(n) < 0x7fff {
				return int(n+1) * 2, nil
			}
			e.u32(4)
			e.u32(uint32(n))
			return 0, nil
		}
		e.u32(8)
		e.b = binary.LittleEndian.AppendUint64(e.b, uint64(n))
	case Boolean:
		b, ok := v.(bool)
		if !ok {
			return 0, e.typeErr(t, f, 0, "a boolean", v)
		}
		if b {
			return 4, nil
		}
		return 2, nil
	case Double:
		x, ok := toNumber(v)
		if !ok {
			return 0, e.typeErr(t, f, 0, "a number", v)
		}
		e.u32(8)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
	case String:
		if err := e.str(t, f, v, 0); err != nil {
			return 0, err
		}
	case Struct:
		src, ok := tableSrc(v)
		if !ok {
			return 0, e.typeErr(t, f, 0, "a table", v)
		}
		at := e.reserve()
		if err := e.structure(f.Struct, src, depth+1); err != nil {
			return 0, err
		}
		return 0, e.fill(at)
	}
	return 0, nil
}

// integer converts an integer field value; decimal fields scale and round
// half away from zero on a double, as C's round() does.
func (e *encoder) integer(t *Type, f *Field, v any, index int) (int64, error) {
	if f.scale != 0 {
		x, ok := toNumber(v)
		if !ok {
			return 0, e.typeErr(t, f, index, "a number", v)
		}
		return int64(math.Round(x * f.scale)), nil
	}
	n, ok := toInteger(v)
	if !ok {
		return 0, e.typeErr(t, f, index, "an integer", v)
	}
	return n, nil
}

func (e *encoder) str(t *Type, f *Field, v any, index int) error {
	switch s := v.(type) {
	case string:
		e.u32(uint32(len(s)))
		e.b = append(e.b, s...)
	case []byte:
		e.u32(uint32(len(s)))
		e.b = append(e.b, s...)
	default:
		return e.typeErr(t, f, index, "a string", v)
	}
	return nil
}
