package seri_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/seri"

	"github.com/skyconsole/skyconsole/internal/vectorfmt"
)

const vectorsPath = "../../testdata/vectors/seri.jsonl"

// vector is one line of seri.jsonl; see testdata/vectors/README.md.
type vector struct {
	Case           string            `json:"case"`
	Direction      string            `json:"direction"`
	Input          []json.RawMessage `json:"input"`
	Hex            *string           `json:"hex"`
	Error          string            `json:"error"`
	Output         []json.RawMessage `json:"output"`
	OrderDependent bool              `json:"order_dependent"`
}

// typed is the README's tagged JSON value.

func loadVectors(tb testing.TB) []vector {
	tb.Helper()
	f, err := os.Open(vectorsPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatalf("bad vector line %q: %v", sc.Text()[:min(80, len(sc.Text()))], err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatal("no vectors")
	}
	return out
}

func (v vector) bytes(tb testing.TB) []byte {
	tb.Helper()
	b, err := hex.DecodeString(*v.Hex)
	if err != nil {
		tb.Fatalf("%s: bad hex: %v", v.Case, err)
	}
	return b
}

func toGoList(tb testing.TB, name string, raws []json.RawMessage) ([]any, bool) {
	tb.Helper()
	out := []any{}
	exact := true
	for _, r := range raws {
		v, ex, err := vectorfmt.ToGo(r)
		if err != nil {
			tb.Fatalf("%s: bad typed value %s: %v", name, r, err)
		}
		exact = exact && ex
		out = append(out, v)
	}
	return out, exact
}

// equal compares decoded values structurally; reals compare by bits so
// -0.0 and NaN payloads count.
func equal(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case *seri.Table:
		y, ok := b.(*seri.Table)
		if !ok || len(x.Array) != len(y.Array) || len(x.Hash) != len(y.Hash) {
			return false
		}
		for i := range x.Array {
			if !equal(x.Array[i], y.Array[i]) {
				return false
			}
		}
		for i := range x.Hash {
			if !equal(x.Hash[i].Key, y.Hash[i].Key) || !equal(x.Hash[i].Value, y.Hash[i].Value) {
				return false
			}
		}
		return true
	}
	return a == b
}

func equalList(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func show(vs []any) string {
	var sb strings.Builder
	for i, v := range vs {
		if i > 0 {
			sb.WriteString(", ")
		}
		showValue(&sb, v)
	}
	return sb.String()
}

func showValue(sb *strings.Builder, v any) {
	t, ok := v.(*seri.Table)
	if !ok {
		fmt.Fprintf(sb, "%T(%#v)", v, v)
		return
	}
	sb.WriteString("{")
	for _, e := range t.Array {
		showValue(sb, e)
		sb.WriteString(" ")
	}
	for _, kv := range t.Hash {
		sb.WriteString("[")
		showValue(sb, kv.Key)
		sb.WriteString("]=")
		showValue(sb, kv.Value)
		sb.WriteString(" ")
	}
	sb.WriteString("}")
}

func TestVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Case, func(t *testing.T) {
			if v.Direction == "" {
				testEncodeVector(t, v)
			} else {
				testDecodeVector(t, v)
			}
		})
	}
}

func testEncodeVector(t *testing.T, v vector) {
	in, exact := toGoList(t, v.Case, v.Input)
	got, err := seri.Pack(in...)
	if v.Error != "" {
		switch {
		case err == nil:
			t.Fatalf("Pack succeeded (%x), want error %q", got, v.Error)
		case err.Error() == v.Error:
		case !exact && strings.HasPrefix(v.Error, "Unsupport type") && isUnsupported(err):
			// A Lua-only type (thread, full userdata) has no Go twin; the
			// Lua bridge checks the exact text.
		default:
			t.Fatalf("Pack error %q, want %q", err, v.Error)
		}
		return
	}
	if v.Hex == nil {
		t.Fatal("vector has neither hex nor error")
	}
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	if h := hex.EncodeToString(got); h != *v.Hex {
		t.Fatalf("Pack mismatch\n got %s\nwant %s", clip(h), clip(*v.Hex))
	}
	back, err := seri.Unpack(got)
	if err != nil {
		t.Fatalf("Unpack of packed bytes: %v", err)
	}
	if !equalList(back, in) {
		t.Fatalf("round trip\n got %s\nwant %s", show(back), show(in))
	}
}

func testDecodeVector(t *testing.T, v vector) {
	if v.Hex == nil {
		t.Fatal("decode vector without hex")
	}
	got, err := seri.Unpack(v.bytes(t))
	if v.Error != "" {
		if err == nil {
			t.Fatalf("Unpack succeeded (%s), want error %q", show(got), v.Error)
		}
		const prefix = "Invalid serialize stream"
		// skynet's message ends in a C line number we cannot reproduce,
		// so stream errors match on their fixed prefix.
		if strings.HasPrefix(v.Error, prefix) {
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("Unpack error %q, want prefix %q", err, prefix)
			}
		} else if !strings.Contains(v.Error, err.Error()) && !strings.Contains(err.Error(), v.Error) {
			t.Fatalf("Unpack error %q, want %q", err, v.Error)
		}
		return
	}
	if err != nil {
		t.Fatalf("Unpack: %v", err)
	}
	want, _ := toGoList(t, v.Case, v.Output)
	if !equalList(got, want) {
		t.Fatalf("Unpack\n got %s\nwant %s", show(got), show(want))
	}
}

func isUnsupported(err error) bool {
	_, ok := err.(*seri.UnsupportedTypeError)
	return ok
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
