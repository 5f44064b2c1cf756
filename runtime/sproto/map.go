package sproto

import (
	"iter"
	"math"
)

// Map is an insertion-ordered map, the value of sproto map fields
// (`*T(key)` and `*T()`). sproto writes map entries in the order the Lua
// table yields them, so reproducing a captured message byte for byte needs
// an order; Map keeps the one entries were set in. Decoding fills a Map in
// wire order.
//
// Keys are normalised so equal Lua values collide: every Go integer type
// becomes int64, an integral float becomes int64 too (as in Lua) and
// []byte becomes string. Keys must be comparable, as for a Go map.
type Map struct {
	keys  []any
	vals  []any
	index map[any]int
}

// NewMap returns an empty Map with room for n entries.
func NewMap(n int) *Map {
	return &Map{keys: make([]any, 0, n), vals: make([]any, 0, n), index: make(map[any]int, n)}
}

// Set stores v under k. A new key goes last; an existing key keeps its
// place and gets the new value.
func (m *Map) Set(k, v any) {
	k = normKey(k)
	if m.index == nil {
		m.index = map[any]int{}
	}
	if i, ok := m.index[k]; ok {
		m.vals[i] = v
		return
	}
	m.index[k] = len(m.keys)
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
}

// Get returns the value stored under k.
func (m *Map) Get(k any) (any, bool) {
	if m == nil {
		return nil, false
	}
	i, ok := m.index[normKey(k)]
	if !ok {
		return nil, false
	}
	return m.vals[i], true
}

// Len returns the number of entries.
func (m *Map) Len() int {
	if m == nil {
		return 0
	}
	return len(m.keys)
}

// All yields the entries in order.
func (m *Map) All() iter.Seq2[any, any] {
	return func(yield func(any, any) bool) {
		if m == nil {
			return
		}
		for i, k := range m.keys {
			if !yield(k, m.vals[i]) {
				return
			}
		}
	}
}

// normKey maps Go values that Lua would treat as the same key onto one
// comparable representative. Unhashable keys other than []byte are kept
// as they are and rejected by the map itself; callers only pass scalars.
func normKey(k any) any {
	switch v := k.(type) {
	case int:
		return int64(v)
	case int8:
		return int64(v)
	case int16:
		return int64(v)
	case int32:
		return int64(v)
	case uint8:
		return int64(v)
	case uint16:
		return int64(v)
	case uint32:
		return int64(v)
	case uint:
		if uint64(v) <= 1<<63-1 {
			return int64(v)
		}
	case uint64:
		if uint64(v) <= 1<<63-1 {
			return int64(v)
		}
	case float32:
		return normKey(float64(v))
	case float64:
		// Lua stores a float key with an integral value as that integer.
		if v == math.Trunc(v) && v >= -(1<<63) && v < 1<<63 {
			return int64(v)
		}
	case []byte:
		return string(v)
	}
	return k
}
