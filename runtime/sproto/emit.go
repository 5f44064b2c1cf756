package sproto

import (
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
)

// emit.go writes the bundle sprotoparser would: the same records in the
// same order, including its choice of which attributes to write as skips.

// emit writes the bundle: a group of the type array (sorted by name, so a
// field refers to a type by index) and the protocol array (sorted by tag).
func (c *compiler) emit() ([]byte, error) {
	if len(c.types) == 0 {
		if len(c.protos) > 0 {
			return nil, c.fail(-1, "assertion failed!")
		}
		return []byte{0, 0}, nil
	}
	names := c.sortedTypeNames()
	ids := make(map[string]int64, len(names))
	for i, n := range names {
		ids[n] = int64(i)
	}
	var types []byte
	for _, n := range names {
		b, err := c.emitType(c.types[n], ids)
		if err != nil {
			return nil, err
		}
		types = packBytes(types, b)
	}
	out := []byte{1, 0, 0, 0}
	if len(c.protos) > 0 {
		out = []byte{2, 0, 0, 0, 0, 0}
	}
	out = packBytes(out, types)
	if len(c.protos) == 0 {
		return out, nil
	}
	protos := append([]*cProto(nil), c.protos...)
	sort.Slice(protos, func(i, j int) bool { return protos[i].tag < protos[j].tag })
	var pb []byte
	for _, p := range protos {
		b, err := c.emitProtocol(p, ids)
		if err != nil {
			return nil, err
		}
		pb = packBytes(pb, b)
	}
	return packBytes(out, pb), nil
}

func (c *compiler) emitType(t *cType, ids map[string]int64) ([]byte, error) {
	if len(t.fields) == 0 {
		return packBytes([]byte{1, 0, 0, 0}, []byte(t.name)), nil
	}
	var fields []byte
	for i := range t.fields {
		b, err := c.emitField(t, &t.fields[i], ids)
		if err != nil {
			return nil, err
		}
		fields = packBytes(fields, b)
	}
	out := packBytes([]byte{2, 0, 0, 0, 0, 0}, []byte(t.name))
	return packBytes(out, fields), nil
}

func (c *compiler) emitField(t *cType, f *cField, ids map[string]int64) ([]byte, error) {
	code, builtin := builtinCode(f.typename)
	var extra *int64
	if f.decimal != nil {
		n, err := c.decimalValue(t, f.decimal)
		if err != nil {
			return nil, err
		}
		extra = &n
	}
	if f.typename == "binary" {
		one := int64(1)
		extra = &one
	}
	var key int64 = -1
	isMap := false
	if f.key != nil {
		sub := c.types[f.typename]
		if builtin || sub == nil {
			return nil, c.fail(t.pos, "attempt to index a nil value (local 'subtype')")
		}
		if *f.key == "" {
			k, err := c.mapKey(t, f, sub)
			if err != nil {
				return nil, err
			}
			key, isMap = k, true
		} else {
			k, ok := builtinFieldTag(sub, *f.key)
			if !ok {
				return nil, c.fail(t.pos, "Invalid map index :%s", *f.key)
			}
			key = k
		}
	}

	n := 4
	if f.array {
		n = 5
		if key >= 0 {
			n = 6
			if isMap {
				n = 7
			}
		}
	}
	rec := make([]byte, 0, 2*n+4+len(f.name))
	rec = append(rec, byte(n), 0, 0, 0) // record count, name (data)
	var err error
	put := func(v int64) {
		if err == nil {
			rec, err = c.packValue(t, rec, v)
		}
	}
	if builtin {
		put(code)
		if extra != nil {
			put(*extra)
		} else {
			rec = append(rec, 1, 0) // skip tag 2
		}
		put(f.tag)
	} else {
		rec = append(rec, 1, 0) // skip tag 1
		put(ids[f.typename])
		put(f.tag)
	}
	if f.array {
		put(1)
		if key >= 0 {
			put(key)
			if isMap {
				put(1)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return packBytes(rec, []byte(f.name)), nil
}

// decimalValue reads the `integer(N)` capture the way Lua arithmetic
// would: digits convert, anything else is an arithmetic error.
func (c *compiler) decimalValue(t *cType, s *capture) (int64, error) {
	n, err := strconv.ParseInt(s.text, 10, 64)
	if err != nil {
		if s.text != "" && strings.Trim(s.text, "0123456789") == "" {
			return 1<<63 - 1, nil // too long: out of range later
		}
		return 0, c.fail(t.pos, "attempt to perform arithmetic on a string value (local 'id')")
	}
	return n, nil
}

// mapKey picks the key of a `*T()` field: the builtin field of T with the
// lowest tag. T must have exactly two fields.
func (c *compiler) mapKey(t *cType, f *cField, sub *cType) (int64, error) {
	count := 0
	var minTag int64 = -1
	for _, sf := range sub.fields {
		if _, ok := builtinCode(sf.typename); !ok {
			continue
		}
		count++
		if minTag < 0 || sf.tag < minTag {
			minTag = sf.tag
		}
	}
	if count > 2 {
		return 0, c.fail(t.pos, "Invalid map definition: %s, more than two fields", f.name)
	}
	if len(sub.fields) != 2 {
		return 0, c.fail(t.pos, "Invalid map definition: %s, needs exactly two fields", f.name)
	}
	if count == 0 {
		return 0, c.fail(t.pos, "Invalid map definition: %s, no builtin key field", f.name)
	}
	for _, sf := range sub.fields {
		if sf.tag == minTag && sf.array {
			return 0, c.fail(t.pos, "Invalid map definition: %s, the key is an array", f.name)
		}
	}
	return minTag, nil
}

// builtinFieldTag finds a builtin-typed field of t by name. Unlike
// sprotoparser it refuses an array field: a key must be a single value.
func builtinFieldTag(t *cType, name string) (int64, bool) {
	for _, f := range t.fields {
		if f.name == name {
			if _, ok := builtinCode(f.typename); ok && !f.array {
				return f.tag, true
			}
		}
	}
	return 0, false
}

func (c *compiler) emitProtocol(p *cProto, ids map[string]int64) ([]byte, error) {
	rec := []byte{4, 0, 0, 0}
	var err error
	put := func(v int64) {
		if err == nil {
			rec, err = c.packValue(nil, rec, v)
		}
	}
	put(p.tag)
	if p.request == "" && p.response == "" && !p.confirm {
		rec[0] = 2
	} else {
		if p.request != "" {
			put(ids[p.request])
		} else {
			rec = append(rec, 1, 0)
		}
		switch {
		case p.response != "":
			put(ids[p.response])
		case p.confirm:
			rec[0] = 5
			rec = append(rec, 1, 0)
			put(1)
		default:
			rec[0] = 3
		}
	}
	if err != nil {
		return nil, err
	}
	return packBytes(rec, []byte(p.name)), nil
}

// packValue appends an inline record for v. Inline records hold
// (v+1)*2 in 16 bits, so v must be in 0..32766.
func (c *compiler) packValue(t *cType, b []byte, v int64) ([]byte, error) {
	if v < 0 || v > 32766 {
		pos := -1
		if t != nil {
			pos = t.pos
		}
		return b, c.fail(pos, "assertion failed!")
	}
	w := uint16((v + 1) * 2)
	return append(b, byte(w), byte(w>>8)), nil
}

// packBytes appends a uint32-length-prefixed chunk.
func packBytes(b, data []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}
