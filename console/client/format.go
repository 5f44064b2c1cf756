package client

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// writeFields writes name=value pairs separated by blanks: the fields t
// declares first, in tag order, then any others sorted by name (there are
// none when m was decoded against t).
func writeFields(b *strings.Builder, t *sproto.Type, m map[string]any, sep string) {
	first := true
	put := func(name string, f *sproto.Field, v any) {
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(name)
		b.WriteString(sep)
		writeValue(b, f, v)
	}
	seen := 0
	if t != nil {
		for i := range t.Fields {
			f := &t.Fields[i]
			if v, ok := m[f.Name]; ok {
				put(f.Name, f, v)
				seen++
			}
		}
	}
	if seen == len(m) {
		return
	}
	var rest []string
	for k := range m {
		if t == nil || t.Field(k) == nil {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		put(k, nil, m[k])
	}
}

// writeValue formats one decoded value: strings quoted, binary as 0x hex,
// arrays in [], structs and maps in {}. f, when known, orders the fields
// of nested structs.
func writeValue(b *strings.Builder, f *sproto.Field, v any) {
	var elem *sproto.Type
	if f != nil {
		elem = f.Struct
	}
	switch v := v.(type) {
	case nil:
		b.WriteString("nil")
	case string:
		b.WriteString(strconv.Quote(v))
	case []byte:
		b.WriteString("0x")
		b.WriteString(hex.EncodeToString(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case map[string]any:
		b.WriteByte('{')
		writeFields(b, elem, v, "=")
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeElem(b, elem, x)
		}
		b.WriteByte(']')
	case *sproto.Map:
		b.WriteByte('{')
		i := 0
		for k, x := range v.All() {
			if i > 0 {
				b.WriteByte(' ')
			}
			i++
			writeValue(b, nil, k)
			b.WriteByte(':')
			writeElem(b, elem, x)
		}
		b.WriteByte('}')
	default:
		fmt.Fprint(b, v)
	}
}

// writeElem writes an array or map element, a struct of type t when it
// is a map[string]any.
func writeElem(b *strings.Builder, t *sproto.Type, v any) {
	if m, ok := v.(map[string]any); ok {
		b.WriteByte('{')
		writeFields(b, t, m, "=")
		b.WriteByte('}')
		return
	}
	writeValue(b, nil, v)
}
