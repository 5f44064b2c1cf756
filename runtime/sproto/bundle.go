package sproto

import (
	"encoding/binary"
	"fmt"
)

// A bundle is itself a sproto message of a fixed meta-schema (group ->
// types and protocols -> fields). The loader below reads it with a small
// generic record reader instead of the typed decoder, because every length
// in it is hostile until checked and the meta-schema has rules of its own
// (which tags may be inline, which must be data).

// record is one header record of an encoded struct: either an inline value
// (value >= 0) or a data chunk (value == -1, data set).
type record struct {
	tag   int
	value int
	data  []byte
}

// readRecords splits one encoded struct into its records, leaving out the
// skip records. Every data length is checked against the bytes left.
func readRecords(b []byte) ([]record, error) {
	recs, _, err := readRecordsN(b)
	return recs, err
}

// readRecordsN also returns the number of header records, skips included.
func readRecordsN(b []byte) ([]record, int, error) {
	if len(b) < 2 {
		return nil, 0, errTruncated
	}
	fn := int(binary.LittleEndian.Uint16(b))
	if len(b)-2 < 2*fn {
		return nil, 0, errTruncated
	}
	hdr := b[2 : 2+2*fn]
	rest := b[2+2*fn:]
	recs := make([]record, 0, fn)
	tag := -1
	for i := 0; i < fn; i++ {
		v := int(binary.LittleEndian.Uint16(hdr[2*i:]))
		tag++
		if v&1 != 0 {
			tag += v / 2
			continue
		}
		r := record{tag: tag, value: v/2 - 1}
		if v == 0 {
			chunk, tail, err := splitChunk(rest)
			if err != nil {
				return nil, 0, err
			}
			r.data, rest = chunk, tail
		}
		recs = append(recs, r)
	}
	return recs, fn, nil
}

var errTruncated = fmt.Errorf("%w: length past end of data", ErrBundle)

// splitChunk takes one uint32-length-prefixed chunk off the front of b.
func splitChunk(b []byte) (chunk, rest []byte, err error) {
	if len(b) < 4 {
		return nil, nil, errTruncated
	}
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, errTruncated
	}
	return b[4 : 4+n], b[4+n:], nil
}

// splitArray splits the body of an array of objects into its elements.
func splitArray(b []byte) ([][]byte, error) {
	// Each element costs at least 4 bytes, which bounds the allocation.
	out := make([][]byte, 0, len(b)/4)
	for len(b) > 0 {
		chunk, rest, err := splitChunk(b)
		if err != nil {
			return nil, err
		}
		out = append(out, chunk)
		b = rest
	}
	return out, nil
}

func bundleErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBundle}, args...)...)
}

// Load builds a Schema from a binary bundle, the bytes ParseBundle returns
// and sproto.new consumes. Hostile input yields an error, never a panic.
func Load(bundle []byte) (*Schema, error) {
	s := &Schema{
		typeByName:  map[string]*Type{},
		protoByName: map[string]*Protocol{},
		protoByTag:  map[int]*Protocol{},
	}
	// The group and each type are plain lists of data parts: no skips.
	recs, fn, err := readRecordsN(bundle)
	if err != nil {
		return nil, err
	}
	if fn > 2 || fn != len(recs) {
		return nil, bundleErr("group has %d parts", fn)
	}
	var typeData, protoData [][]byte
	for i, r := range recs {
		if r.tag != i || r.value != -1 {
			return nil, bundleErr("group part %d is not an array", i)
		}
		elems, err := splitArray(r.data)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			typeData = elems
		} else {
			protoData = elems
		}
	}
	s.types = make([]*Type, len(typeData))
	for i := range s.types {
		s.types[i] = &Type{}
	}
	for i, b := range typeData {
		if err := s.loadType(s.types[i], b); err != nil {
			return nil, err
		}
	}
	for _, t := range s.types {
		if err := resolveKeys(t); err != nil {
			return nil, err
		}
		if _, dup := s.typeByName[t.Name]; !dup {
			s.typeByName[t.Name] = t
		}
	}
	s.protos = make([]*Protocol, 0, len(protoData))
	for _, b := range protoData {
		p, err := s.loadProtocol(b)
		if err != nil {
			return nil, err
		}
		if s.protoByTag[p.Tag] != nil {
			return nil, bundleErr("duplicate protocol tag %d", p.Tag)
		}
		s.protoByTag[p.Tag] = p
		if _, dup := s.protoByName[p.Name]; !dup {
			s.protoByName[p.Name] = p
		}
		s.protos = append(s.protos, p)
	}
	return s, nil
}

// loadType reads `.type { name 0 : string  fields 1 : *field }`.
func (s *Schema) loadType(t *Type, b []byte) error {
	recs, fn, err := readRecordsN(b)
	if err != nil {
		return err
	}
	if fn < 1 || fn > 2 || fn != len(recs) {
		return bundleErr("type has %d parts", fn)
	}
	for i, r := range recs {
		if r.tag != i || r.value != -1 {
			return bundleErr("type part %d is not data", i)
		}
	}
	t.Name = string(recs[0].data)
	t.byName = map[string]*Field{}
	t.base = -1
	if len(recs) == 1 {
		return nil
	}
	elems, err := splitArray(recs[1].data)
	if err != nil {
		return err
	}
	t.Fields = make([]Field, len(elems))
	last := -1
	t.maxn = len(elems)
	for i, fb := range elems {
		f := &t.Fields[i]
		if err := s.loadField(f, fb); err != nil {
			return fmt.Errorf("%w (type %s)", err, t.Name)
		}
		if f.Tag <= last {
			return bundleErr("type %s: field tags not ascending", t.Name)
		}
		if f.Tag > last+1 {
			t.maxn++
		}
		last = f.Tag
		if _, dup := t.byName[f.Name]; !dup {
			t.byName[f.Name] = f
		}
	}
	if n := len(t.Fields); n > 0 && t.Fields[n-1].Tag-t.Fields[0].Tag+1 == n {
		t.base = t.Fields[0].Tag
	}
	return nil
}

// loadField reads `.field { name 0 : string  buildin 1 : integer
// type 2 : integer  tag 3 : integer  array 4 : boolean  key 5 : integer
// map 6 : boolean }`. Tag 2 is overloaded: decimal digits for integers,
// the binary flag for strings, the struct index otherwise.
func (s *Schema) loadField(f *Field, b []byte) error {
	recs, err := readRecords(b)
	if err != nil {
		return err
	}
	*f = Field{Tag: -1, Key: -1, Decimal: -1}
	kind := -1
	hasName := false
	for _, r := range recs {
		if r.tag == 0 {
			if r.value != -1 {
				return bundleErr("field name is not data")
			}
			f.Name = string(r.data)
			hasName = true
			continue
		}
		if r.value < 0 {
			return bundleErr("field attribute %d is not inline", r.tag)
		}
		v := r.value
		switch r.tag {
		case 1:
			if v >= int(Struct) {
				return bundleErr("invalid builtin type %d", v)
			}
			kind = v
		case 2:
			switch kind {
			case int(Integer):
				f.Decimal = v
				f.scale = float64(pow10int32(v))
			case int(String):
				f.Binary = v == 1
			default:
				if kind >= 0 {
					return bundleErr("type index on a builtin field")
				}
				if v >= len(s.types) {
					return bundleErr("type index %d out of range", v)
				}
				kind = int(Struct)
				f.Struct = s.types[v]
			}
		case 3:
			f.Tag = v
		case 4:
			f.Array = v != 0
		case 5:
			f.Key = v
		case 6:
			f.Map = v != 0
		default:
			return bundleErr("unknown field attribute %d", r.tag)
		}
	}
	if f.Tag < 0 || kind < 0 || !hasName {
		return bundleErr("incomplete field %q", f.Name)
	}
	f.Kind = Kind(kind)
	return nil
}

// pow10int32 computes 10^n with the wrapping 32-bit arithmetic the C loader
// uses, so absurd decimal counts scale exactly as they do there.
func pow10int32(n int) int32 {
	r, base := int32(1), int32(10)
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			r *= base
		}
		base *= base
	}
	return r
}

// resolveKeys checks the key of every map field once all types exist.
func resolveKeys(t *Type) error {
	for i := range t.Fields {
		f := &t.Fields[i]
		if f.Key < 0 {
			if f.Map {
				return bundleErr("%s.%s: map without key", t.Name, f.Name)
			}
			continue
		}
		if !f.Array || f.Kind != Struct {
			return bundleErr("%s.%s: key on a field that is not an array of structs", t.Name, f.Name)
		}
		kf := f.Struct.FieldByTag(f.Key)
		if kf == nil || kf.Array || kf.Kind == Struct {
			return bundleErr("%s.%s: invalid map key tag %d", t.Name, f.Name, f.Key)
		}
		f.keyField = kf
		if f.Map {
			if len(f.Struct.Fields) != 2 {
				return bundleErr("%s.%s: map type %s needs two fields", t.Name, f.Name, f.Struct.Name)
			}
			f.valueField = &f.Struct.Fields[0]
			if f.valueField == kf {
				f.valueField = &f.Struct.Fields[1]
			}
		}
	}
	return nil
}

// loadProtocol reads `.protocol { name 0 : string  tag 1 : integer
// request 2 : integer  response 3 : integer  confirm 4 : boolean }`.
func (s *Schema) loadProtocol(b []byte) (*Protocol, error) {
	recs, err := readRecords(b)
	if err != nil {
		return nil, err
	}
	p := &Protocol{Tag: -1}
	hasName := false
	for _, r := range recs {
		if r.tag == 0 {
			if r.value != -1 {
				return nil, bundleErr("protocol name is not data")
			}
			p.Name = string(r.data)
			hasName = true
			continue
		}
		if r.value < 0 {
			return nil, bundleErr("protocol attribute %d is not inline", r.tag)
		}
		switch r.tag {
		case 1:
			p.Tag = r.value
		case 2, 3:
			if r.value >= len(s.types) {
				return nil, bundleErr("protocol type index %d out of range", r.value)
			}
			if r.tag == 2 {
				p.Request = s.types[r.value]
			} else {
				p.Response = s.types[r.value]
			}
		case 4:
			p.Confirm = r.value != 0
		default:
			return nil, bundleErr("unknown protocol attribute %d", r.tag)
		}
	}
	if !hasName || p.Tag < 0 {
		return nil, bundleErr("incomplete protocol %q", p.Name)
	}
	return p, nil
}
