package cluster_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// inputPayload builds the payload a packer case used.
func inputPayload(t *testing.T, in input) []byte {
	t.Helper()
	raw := in.PayloadKind == "raw string"
	var p []byte
	switch {
	case in.PayloadHex != nil:
		p = mustHex(t, *in.PayloadHex)
	case in.PayloadArgs != nil && !raw:
		p = packTyped(t, in.PayloadArgs)
	case in.PayloadArgs != nil && raw:
		s, ok := typedValue(t, in.PayloadArgs[0]).(string)
		if !ok || len(in.PayloadArgs) != 1 {
			t.Fatalf("raw string payload from %d args", len(in.PayloadArgs))
		}
		p = []byte(s)
	case in.PayloadLua != nil:
		p = luaPayload(t, *in.PayloadLua, raw)
	default:
		t.Fatal("input has no payload")
	}
	if in.PayloadLen != nil && len(p) != *in.PayloadLen {
		t.Fatalf("payload of %d bytes, vector says %d", len(p), *in.PayloadLen)
	}
	return p
}

// luaPayload evaluates a payload_lua expression list, for cases that give
// nothing else, and packs it (or takes the one string as is).
func luaPayload(t *testing.T, expr string, raw bool) []byte {
	t.Helper()
	L := lua.NewState()
	defer L.Close()
	if err := L.DoString("return " + expr); err != nil {
		t.Fatalf("payload_lua %q: %v", expr, err)
	}
	vals := make([]lua.LValue, L.GetTop())
	for i := range vals {
		vals[i] = L.Get(i + 1)
	}
	if raw {
		s, ok := vals[0].(lua.LString)
		if len(vals) != 1 || !ok {
			t.Fatalf("raw string payload_lua %q gave %d values", expr, len(vals))
		}
		return []byte(s)
	}
	var enc seri.Encoder
	if err := lseri.PackValues(&enc, L, vals...); err != nil {
		t.Fatal(err)
	}
	return bytes.Clone(enc.Bytes())
}

func packTyped(t *testing.T, args []json.RawMessage) []byte {
	t.Helper()
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = typedValue(t, a)
	}
	p, err := seri.Pack(vals...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// typedValue reads the README's typed JSON value as a seri.Pack input.
func typedValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v struct {
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
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("typed value %s: %v", raw, err)
	}
	str := func() string {
		var s string
		if err := json.Unmarshal(v.V, &s); err != nil {
			t.Fatalf("typed value %s: %v", raw, err)
		}
		return s
	}
	switch v.T {
	case "nil":
		return nil
	case "bool":
		var b bool
		if err := json.Unmarshal(v.V, &b); err != nil {
			t.Fatal(err)
		}
		return b
	case "int":
		n, err := strconv.ParseInt(str(), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return n
	case "float":
		bits, err := strconv.ParseUint(v.Bits, 16, 64)
		if err != nil {
			t.Fatalf("float %s: %v", raw, err)
		}
		return math.Float64frombits(bits)
	case "str":
		var s []byte
		switch {
		case v.Hex != nil:
			s = mustHex(t, *v.Hex)
		case v.Rep != nil:
			s = bytes.Repeat([]byte(*v.Rep), v.N)
		case v.RepHex != nil:
			s = bytes.Repeat(mustHex(t, *v.RepHex), v.N)
		default:
			s = []byte(str())
		}
		if v.Len != nil && len(s) != *v.Len {
			t.Fatalf("string of %d bytes, vector says %d", len(s), *v.Len)
		}
		return string(s)
	case "table":
		tb := &seri.Table{}
		for _, e := range v.Array {
			tb.Array = append(tb.Array, typedValue(t, e))
		}
		for _, kv := range v.Hash {
			tb.Hash = append(tb.Hash, seri.KV{Key: typedValue(t, kv[0]), Value: typedValue(t, kv[1])})
		}
		return tb
	case "lightuserdata":
		p, err := strconv.ParseUint(strings.TrimPrefix(str(), "userdata: 0x"), 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		return seri.Userdata(p)
	}
	t.Fatalf("unsupported typed value %s", raw)
	return nil
}
