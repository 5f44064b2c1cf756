// Package vectorfmt reads the typed values of the shared golden vectors
// (testdata/vectors/README.md) for the tests of the seri, lseri and
// cluster packages, so the format is parsed in one place.
package vectorfmt

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// Typed is one typed value: {"t":"int","v":"42"}, {"t":"str","hex":...},
// {"t":"table","array":[...],"hash":[[k,v],...]} and so on.
type Typed struct {
	T      string               `json:"t"`
	V      json.RawMessage      `json:"v"`
	Bits   string               `json:"bits"`
	Hex    *string              `json:"hex"`
	Rep    *string              `json:"rep"`
	RepHex *string              `json:"rephex"`
	N      int                  `json:"n"`
	Len    *int                 `json:"len"`
	Array  []json.RawMessage    `json:"array"`
	Hash   [][2]json.RawMessage `json:"hash"`
	Pairs  bool                 `json:"pairs_metamethod"`
}

// Str is the bytes of a "str" value, in whichever form the vector wrote
// them (v, hex, or a repeated pattern), checked against len when given.
func (t Typed) Str() (string, error) {
	var s string
	var err error
	switch {
	case t.Hex != nil:
		var b []byte
		b, err = hex.DecodeString(*t.Hex)
		s = string(b)
	case t.Rep != nil:
		s = strings.Repeat(*t.Rep, t.N)
	case t.RepHex != nil:
		var b []byte
		b, err = hex.DecodeString(*t.RepHex)
		s = strings.Repeat(string(b), t.N)
	default:
		err = json.Unmarshal(t.V, &s)
	}
	if err == nil && t.Len != nil && len(s) != *t.Len {
		err = fmt.Errorf("string of %d bytes, vector says %d", len(s), *t.Len)
	}
	return s, err
}

// ParsePointer reads Lua's "userdata: 0x55d0c0ffee" / "userdata: (nil)".
func ParsePointer(s string) (uint64, error) {
	s = strings.TrimPrefix(s, "userdata: ")
	if s == "(nil)" || s == "NULL" {
		return 0, nil
	}
	return strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64)
}

// goFunc stands in for a Lua function; other Lua-only types (thread, full
// userdata) become a channel, which seri.Pack rejects under its Go type
// name.
func goFunc() {}

// ToGo converts a typed value into the Go form seri.Unpack returns (and
// seri.Pack takes). exact is false when the value has no faithful Go
// counterpart, which only matters for error messages.
func ToGo(raw json.RawMessage) (v any, exact bool, err error) {
	var t Typed
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, false, err
	}
	switch t.T {
	case "nil":
		return nil, true, nil
	case "bool":
		var b bool
		err := json.Unmarshal(t.V, &b)
		return b, true, err
	case "int":
		var s string
		if err := json.Unmarshal(t.V, &s); err != nil {
			return nil, false, err
		}
		n, err := strconv.ParseInt(s, 10, 64)
		return n, true, err
	case "float":
		u, err := strconv.ParseUint(t.Bits, 16, 64)
		return math.Float64frombits(u), true, err
	case "str":
		s, err := t.Str()
		return s, true, err
	case "lightuserdata":
		var s string
		if err := json.Unmarshal(t.V, &s); err != nil {
			return nil, false, err
		}
		p, err := ParsePointer(s)
		return seri.Userdata(p), true, err
	case "table":
		tbl := &seri.Table{}
		exact := true
		for _, e := range t.Array {
			v, ex, err := ToGo(e)
			if err != nil {
				return nil, false, err
			}
			exact = exact && ex
			tbl.Array = append(tbl.Array, v)
		}
		for _, kv := range t.Hash {
			k, ex1, err := ToGo(kv[0])
			if err != nil {
				return nil, false, err
			}
			v, ex2, err := ToGo(kv[1])
			if err != nil {
				return nil, false, err
			}
			exact = exact && ex1 && ex2
			tbl.Hash = append(tbl.Hash, seri.KV{Key: k, Value: v})
		}
		return tbl, exact, nil
	case "function":
		return goFunc, true, nil
	}
	return make(chan int), false, nil
}
