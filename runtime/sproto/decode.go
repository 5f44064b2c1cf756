package sproto

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Decoding never trusts a length: each is checked against the bytes left
// before anything is sliced or allocated, and element counts derive from
// byte counts, so memory stays a small multiple of the input.

func decodeErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrDecode}, args...)...)
}

// Decode decodes data as t. It returns the message and the number of bytes
// it occupied; trailing bytes are ignored, as sproto does. Tags the type
// does not know are skipped.
func (t *Type) Decode(data []byte) (map[string]any, int, error) {
	return decodeStruct(t, data, 0)
}

func decodeStruct(t *Type, data []byte, depth int) (map[string]any, int, error) {
	if depth >= maxDepth {
		return nil, 0, decodeErr("The table is too deep")
	}
	if len(data) < 2 {
		return nil, 0, decodeErr("truncated header")
	}
	fn := int(binary.LittleEndian.Uint16(data))
	if len(data)-2 < 2*fn {
		return nil, 0, decodeErr("truncated header")
	}
	hdr := data[2 : 2+2*fn]
	rest := data[2+2*fn:]
	out := make(map[string]any, min(fn, len(t.Fields)))
	tag := -1
	for i := 0; i < fn; i++ {
		v := int(binary.LittleEndian.Uint16(hdr[2*i:]))
		tag++
		if v&1 != 0 {
			tag += v / 2
			continue
		}
		var chunk []byte
		if v == 0 {
			if len(rest) < 4 {
				return nil, 0, decodeErr("truncated data")
			}
			n := binary.LittleEndian.Uint32(rest)
			if uint64(n) > uint64(len(rest)-4) {
				return nil, 0, decodeErr("truncated data")
			}
			chunk, rest = rest[4:4+n], rest[4+n:]
		}
		f := t.FieldByTag(tag)
		if f == nil {
			continue // unknown tag: forward compatibility
		}
		var val any
		var err error
		if v == 0 {
			val, err = decodeData(t, f, chunk, depth)
		} else {
			val, err = decodeInline(f, v/2-1)
		}
		if err != nil {
			return nil, 0, err
		}
		out[f.Name] = val
	}
	return out, len(data) - len(rest), nil
}

func decodeInline(f *Field, n int) (any, error) {
	if f.Array {
		return nil, decodeErr("inline value for array %s", f.Name)
	}
	switch f.Kind {
	case Integer:
		return intValue(f, int64(n)), nil
	case Boolean:
		return n != 0, nil
	}
	return nil, decodeErr("inline value for %s field %s", f.Kind, f.Name)
}

// intValue applies a decimal field's scale: such fields decode to floats.
func intValue(f *Field, n int64) any {
	if f.scale != 0 {
		return float64(n) / f.scale
	}
	return n
}

func decodeData(t *Type, f *Field, b []byte, depth int) (any, error) {
	if f.Array {
		return decodeArray(f, b, depth)
	}
	switch f.Kind {
	case Integer:
		switch len(b) {
		case 4:
			return intValue(f, int64(int32(binary.LittleEndian.Uint32(b)))), nil
		case 8:
			return intValue(f, int64(binary.LittleEndian.Uint64(b))), nil
		}
		return nil, decodeErr("integer %s.%s has size %d", t.Name, f.Name, len(b))
	case Double:
		if len(b) != 8 {
			return nil, decodeErr("double %s.%s has size %d", t.Name, f.Name, len(b))
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b)), nil
	case String:
		return strValue(f, b), nil
	case Struct:
		return decodeElement(f, b, depth)
	}
	return nil, decodeErr("%s.%s: boolean in data part", t.Name, f.Name)
}

func strValue(f *Field, b []byte) any {
	if f.Binary {
		return append([]byte{}, b...)
	}
	return string(b)
}

// decodeElement decodes a nested struct, which must fill its chunk exactly.
func decodeElement(f *Field, b []byte, depth int) (map[string]any, error) {
	m, n, err := decodeStruct(f.Struct, b, depth+1)
	if err != nil {
		return nil, err
	}
	if n != len(b) {
		return nil, decodeErr("struct %s does not fill its %d bytes", f.Struct.Name, len(b))
	}
	return m, nil
}

func decodeArray(f *Field, b []byte, depth int) (any, error) {
	if f.Key >= 0 {
		return decodeMap(f, b, depth)
	}
	switch f.Kind {
	case Integer, Double:
		// An empty array has no width byte, but a lone width byte is
		// accepted as empty too.
		if len(b) <= 1 {
			return []any{}, nil
		}
		w, body := int(b[0]), b[1:]
		if (w != 4 && w != 8) || len(body)%w != 0 {
			return nil, decodeErr("bad number array width %d for %s", w, f.Name)
		}
		out := make([]any, len(body)/w)
		for i := range out {
			var n int64
			if w == 4 {
				n = int64(int32(binary.LittleEndian.Uint32(body[4*i:])))
			} else {
				n = int64(binary.LittleEndian.Uint64(body[8*i:]))
			}
			if f.Kind == Double {
				out[i] = math.Float64frombits(uint64(n))
			} else {
				out[i] = intValue(f, n)
			}
		}
		return out, nil
	case Boolean:
		out := make([]any, len(b))
		for i, c := range b {
			out[i] = c != 0
		}
		return out, nil
	}
	n, err := countChunks(b)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, n)
	for len(b) > 0 {
		var chunk []byte
		chunk, b = nextChunk(b)
		if f.Kind == String {
			out = append(out, strValue(f, chunk))
			continue
		}
		m, err := decodeElement(f, chunk, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// decodeMap decodes `*T(key)` (key -> struct) and `*T()` (key -> value).
// The Map grows as entries arrive rather than being sized by the element
// count: repeated keys collapse, and a hostile stream of them must not
// buy a large index.
func decodeMap(f *Field, b []byte, depth int) (*Map, error) {
	if _, err := countChunks(b); err != nil {
		return nil, err
	}
	out := &Map{}
	for len(b) > 0 {
		var chunk []byte
		chunk, b = nextChunk(b)
		m, err := decodeElement(f, chunk, depth)
		if err != nil {
			return nil, err
		}
		k, ok := m[f.keyField.Name]
		if !ok {
			return nil, decodeErr("Can't find main index (tag=%d) in [%s]", f.Key, f.Name)
		}
		if !f.Map {
			out.Set(k, m)
		} else if v, ok := m[f.valueField.Name]; ok {
			out.Set(k, v)
		}
	}
	return out, nil
}

// countChunks validates an array of length-prefixed chunks and counts them.
func countChunks(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if len(b) < 4 {
			return 0, decodeErr("truncated array element")
		}
		sz := binary.LittleEndian.Uint32(b)
		if uint64(sz) > uint64(len(b)-4) {
			return 0, decodeErr("truncated array element")
		}
		b = b[4+sz:]
		n++
	}
	return n, nil
}

// nextChunk splits off one chunk of an array countChunks has validated.
func nextChunk(b []byte) (chunk, rest []byte) {
	sz := binary.LittleEndian.Uint32(b)
	return b[4 : 4+sz], b[4+sz:]
}
