package sproto

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// array writes an array or map field into the data part.
func (e *encoder) array(t *Type, f *Field, v any, depth int) error {
	at := e.reserve()
	var err error
	if f.Key >= 0 {
		err = e.mapEntries(t, f, v, depth)
	} else {
		switch s := v.(type) {
		case []any:
			// A Lua sequence ends at its first nil.
			if i := slices.Index(s, nil); i >= 0 {
				s = s[:i]
			}
			err = elements(e, t, f, s, depth)
		case []int64:
			err = elements(e, t, f, s, depth)
		case []int:
			err = elements(e, t, f, s, depth)
		case []float64:
			err = elements(e, t, f, s, depth)
		case []string:
			err = elements(e, t, f, s, depth)
		case []bool:
			err = elements(e, t, f, s, depth)
		case [][]byte:
			err = elements(e, t, f, s, depth)
		case []map[string]any:
			err = elements(e, t, f, s, depth)
		case map[string]any, *Map:
			// A table without a sequence part: an empty array.
		default:
			err = notTable(t, f, v)
		}
	}
	if err != nil {
		return err
	}
	return e.fill(at)
}

// notTable is lsproto's complaint about an array or map field whose value
// is not a table, prefixed with the struct name like its other messages.
func notTable(t *Type, f *Field, v any) error {
	return fmt.Errorf("%w: %s.*%s(1) should be a table (Is a %s)", ErrEncode, t.Name, f.Name, luaType(v))
}

// elements writes the body of a plain array. Error indexes are 1-based like
// the Lua sequence they came from.
func elements[E any](e *encoder, t *Type, f *Field, s []E, depth int) error {
	switch f.Kind {
	case Integer:
		if len(s) == 0 {
			return nil
		}
		// Write every element as 8 bytes, then narrow to 4 if none needed
		// more: the same bytes as sproto's widen-on-demand, in one pass.
		w := len(e.b)
		e.b = append(e.b, 8)
		wide := false
		for i := range s {
			n, err := e.integer(t, f, s[i], i+1)
			if err != nil {
				return err
			}
			if n>>31 != 0 && n>>31 != -1 {
				wide = true
			}
			e.b = binary.LittleEndian.AppendUint64(e.b, uint64(n))
		}
		if !wide {
			e.b[w] = 4
			for i := range s {
				copy(e.b[w+1+4*i:], e.b[w+1+8*i:w+1+8*i+4])
			}
			e.b = e.b[:w+1+4*len(s)]
		}
	case Double:
		if len(s) == 0 {
			return nil
		}
		e.b = append(e.b, 8)
		for i := range s {
			x, ok := toNumber(s[i])
			if !ok {
				return e.typeErr(t, f, i+1, "a number", s[i])
			}
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
		}
	case Boolean:
		for i := range s {
			b, ok := any(s[i]).(bool)
			if !ok {
				return e.typeErr(t, f, i+1, "a boolean", s[i])
			}
			if b {
				e.b = append(e.b, 1)
			} else {
				e.b = append(e.b, 0)
			}
		}
	case String:
		for i := range s {
			if err := e.str(t, f, s[i], i+1); err != nil {
				return err
			}
		}
	case Struct:
		for i := range s {
			if err := e.element(t, f, s[i], i+1, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// element writes one length-prefixed struct element of an array or map.
func (e *encoder) element(t *Type, f *Field, v any, index, depth int) error {
	src, ok := tableSrc(v)
	if !ok {
		return e.typeErr(t, f, index, "a table", v)
	}
	at := e.reserve()
	if err := e.structure(f.Struct, src, depth+1); err != nil {
		return err
	}
	return e.fill(at)
}

// mapEntries writes a `*T(key)` or `*T()` field. Entries go out in the
// order the value yields them: a Map's own order, a slice's index order,
// and sorted keys for a Go map, whose order would otherwise be random.
func (e *encoder) mapEntries(t *Type, f *Field, v any, depth int) error {
	put := func(k, val any, index int) error {
		if val == nil {
			return nil
		}
		if !f.Map {
			return e.element(t, f, val, index, depth)
		}
		at := e.reserve()
		if err := e.structure(f.Struct, structSrc{pair: f, k: k, v: val}, depth+1); err != nil {
			return err
		}
		return e.fill(at)
	}
	switch m := v.(type) {
	case *Map:
		i := 0
		for k, val := range m.All() {
			i++
			if err := put(k, val, i); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, cmp.Compare[string])
		for i, k := range keys {
			if err := put(k, m[k], i+1); err != nil {
				return err
			}
		}
	case []any:
		for i, val := range m {
			if err := put(int64(i+1), val, i+1); err != nil {
				return err
			}
		}
	case []map[string]any:
		for i, val := range m {
			if val == nil {
				continue
			}
			if err := put(int64(i+1), val, i+1); err != nil {
				return err
			}
		}
	default:
		return notTable(t, f, v)
	}
	return nil
}
