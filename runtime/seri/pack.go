package seri

import (
	"reflect"
	"sort"
)

// Pack serialises values in order, as skynet.pack(...) does: the result is
// the concatenation of each value's encoding, with no count or terminator.
// Pack() with no values returns an empty slice.
//
// Go values map to the wire as follows:
//
//	nil, typed nil *Table           nil
//	bool                            boolean
//	int, int8..int64, uint..uint64  integer (uint64 above MaxInt64 fails)
//	float32, float64                real, even when integral
//	string, []byte                  string (raw bytes)
//	Userdata                        light userdata
//	*Table, Table                   table, hash part in the given order
//	[]any                           table with only an array part
//	map[string]any                  table with only a hash part, keys sorted
//
// Anything else fails with an [*UnsupportedTypeError]; Go functions report
// the Lua type name "function" so messages match skynet's.
func Pack(values ...any) ([]byte, error) {
	e := Encoder{buf: make([]byte, 0, 64)}
	for _, v := range values {
		if err := e.WriteValue(v); err != nil {
			return nil, err
		}
	}
	return e.buf, nil
}

// WriteValue writes one Go value using the mapping documented on [Pack].
// A *Table that contains itself fails with [ErrTooDeep] instead of looping.
func (e *Encoder) WriteValue(v any) error {
	switch x := v.(type) {
	case nil:
		return e.WriteNil()
	case bool:
		return e.WriteBool(x)
	case int:
		return e.WriteInt(int64(x))
	case int8:
		return e.WriteInt(int64(x))
	case int16:
		return e.WriteInt(int64(x))
	case int32:
		return e.WriteInt(int64(x))
	case int64:
		return e.WriteInt(x)
	case uint:
		return e.writeUint(uint64(x))
	case uint8:
		return e.WriteInt(int64(x))
	case uint16:
		return e.WriteInt(int64(x))
	case uint32:
		return e.WriteInt(int64(x))
	case uint64:
		return e.writeUint(x)
	case float32:
		return e.WriteReal(float64(x))
	case float64:
		return e.WriteReal(x)
	case string:
		return e.WriteString(x)
	case []byte:
		return e.WriteBytes(x)
	case Userdata:
		return e.WriteUserdata(uint64(x))
	case *Table:
		if x == nil {
			return e.WriteNil()
		}
		return e.writeTable(x.Array, x.Hash)
	case Table:
		return e.writeTable(x.Array, x.Hash)
	case []any:
		return e.writeTable(x, nil)
	case map[string]any:
		return e.writeMap(x)
	}
	// skynet checks depth before looking at the type, so a bad value
	// nested too deep reports the depth error.
	if err := e.check(); err != nil {
		return err
	}
	return unsupported(v)
}

func (e *Encoder) writeUint(u uint64) error {
	if u > 1<<63-1 {
		return ErrIntegerOverflow
	}
	return e.WriteInt(int64(u))
}

func (e *Encoder) writeTable(array []any, hash []KV) error {
	if err := e.BeginTable(len(array)); err != nil {
		return err
	}
	for _, v := range array {
		if err := e.WriteValue(v); err != nil {
			return err
		}
	}
	for _, kv := range hash {
		if err := e.WriteValue(kv.Key); err != nil {
			return err
		}
		if err := e.WriteValue(kv.Value); err != nil {
			return err
		}
	}
	return e.EndTable()
}

// writeMap sorts keys because Go map order is random and byte-stable
// output is worth the sort on this convenience path.
func (e *Encoder) writeMap(m map[string]any) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if err := e.BeginTable(0); err != nil {
		return err
	}
	for _, k := range keys {
		if err := e.WriteString(k); err != nil {
			return err
		}
		if err := e.WriteValue(m[k]); err != nil {
			return err
		}
	}
	return e.EndTable()
}

func unsupported(v any) error {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Func {
		return &UnsupportedTypeError{Type: "function"}
	}
	return &UnsupportedTypeError{Type: t.String()}
}
