package cluster_test

import (
	"bytes"
	"encoding/json"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"

	"github.com/skyconsole/skyconsole/internal/vectorfmt"
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
	v, exact, err := vectorfmt.ToGo(raw)
	if err != nil || !exact {
		t.Fatalf("typed value %s: %v (exact %v)", raw, err, exact)
	}
	return v
}
