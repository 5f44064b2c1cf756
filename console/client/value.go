package client

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// fieldValue converts one command-line word to the Go value sproto encodes
// for field f:
//
//	string          the word
//	binary          the word's bytes
//	integer         a decimal, 0x hex, 0o octal or 0b binary int64
//	integer(N)      a decimal number (scaled by the encoder)
//	double          a float64
//	boolean         true/false, t/f, 1/0 (any case strconv.ParseBool takes)
//	*T (T scalar)   comma-separated elements, each converted as T
//
// Struct and map fields cannot be written this way.
func fieldValue(f *sproto.Field, word string) (any, error) {
	if f.Kind == sproto.Struct || f.IsMap() {
		return nil, fmt.Errorf("%w: %s is %s; send it with raw", ErrFieldType, f.Name, fieldType(f))
	}
	if !f.Array {
		return scalarValue(f, word)
	}
	parts := strings.Split(word, ",")
	out := make([]any, len(parts))
	for i, p := range parts {
		v, err := scalarValue(f, p)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func scalarValue(f *sproto.Field, word string) (any, error) {
	var v any
	var err error
	switch f.Kind {
	case sproto.String:
		if f.Binary {
			return []byte(word), nil
		}
		return word, nil
	case sproto.Integer:
		if f.Decimal >= 0 {
			v, err = strconv.ParseFloat(word, 64)
		} else {
			v, err = strconv.ParseInt(word, 0, 64)
		}
	case sproto.Double:
		v, err = strconv.ParseFloat(word, 64)
	case sproto.Boolean:
		v, err = strconv.ParseBool(word)
	default:
		return nil, fmt.Errorf("%w: %s is %s", ErrFieldType, f.Name, fieldType(f))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s (%s) cannot be %q", ErrBadValue, f.Name, fieldType(f), word)
	}
	return v, nil
}

// fieldType spells a field's type as the schema language does.
func fieldType(f *sproto.Field) string {
	var elem string
	switch {
	case f.Kind == sproto.Struct && f.Struct != nil:
		elem = f.Struct.Name
	case f.Kind == sproto.String && f.Binary:
		elem = "binary"
	case f.Kind == sproto.Integer && f.Decimal >= 0:
		elem = "integer(" + strconv.Itoa(f.Decimal) + ")"
	default:
		elem = f.Kind.String()
	}
	if !f.Array {
		return elem
	}
	if f.IsMap() {
		if f.Map {
			return "*" + elem + "()"
		}
		if k := f.Struct.FieldByTag(f.Key); k != nil {
			return "*" + elem + "(" + k.Name + ")"
		}
	}
	return "*" + elem
}

// fieldList describes the fields a request line fills, for messages and
// help: "what:string value:string", or "" when there are none.
func fieldList(fields []sproto.Field) string {
	parts := make([]string, len(fields))
	for i := range fields {
		parts[i] = fields[i].Name + ":" + fieldType(&fields[i])
	}
	return strings.Join(parts, " ")
}
