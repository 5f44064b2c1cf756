package lseri_test

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

const vectorsPath = "../../../testdata/vectors/seri.jsonl"

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
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatalf("bad vector line: %v", err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil || len(out) == 0 {
		tb.Fatalf("reading vectors: %v (%d)", err, len(out))
	}
	return out
}

func TestVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Case, func(t *testing.T) {
			L := lua.NewState(lua.Options{SkipOpenLibs: true})
			defer L.Close()
			if v.Direction == "" {
				testEncodeVector(t, L, v)
			} else {
				testDecodeVector(t, L, v)
			}
		})
	}
}

func testEncodeVector(t *testing.T, L *lua.LState, v vector) {
	b := builder{L: L}
	in := b.list(t, v.Input)
	var enc seri.Encoder
	err := lseri.PackValues(&enc, L, in...)
	if v.Error != "" {
		if err == nil || err.Error() != v.Error {
			t.Fatalf("Pack error %v, want %q", err, v.Error)
		}
		return
	}
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	want, _ := hex.DecodeString(*v.Hex)
	switch {
	case b.lossy != "":
		t.Logf("bytes not compared: %s", b.lossy)
	case v.OrderDependent:
		// Same values, hash order aside.
		checkSameIgnoringOrder(t, enc.Bytes(), want)
	case string(enc.Bytes()) != string(want):
		t.Fatalf("Pack mismatch\n got %x\nwant %x", clip(enc.Bytes()), clip(want))
	}
	testRoundTrip(t, L, want, in, b, v.OrderDependent)
}

// testRoundTrip unpacks the reference bytes into Lua, compares with the
// input and, when the values survive float64, packs them back.
func testRoundTrip(t *testing.T, L *lua.LState, data []byte, in []lua.LValue, b builder, orderDependent bool) {
	n, err := lseri.Unpack(L, data)
	if b.inexact {
		if !errors.Is(err, lseri.ErrInexactInteger) || L.GetTop() != 0 {
			t.Fatalf("Unpack of an inexact integer: %v (top %d)", err, L.GetTop())
		}
		return
	}
	if err != nil || n != len(in) {
		t.Fatalf("Unpack: %d values, %v", n, err)
	}
	for i := range in {
		if !luaEqual(L.Get(i+1), in[i]) {
			t.Fatalf("value %d: got %v, want %v", i+1, L.Get(i+1), in[i])
		}
	}
	if b.lossy != "" {
		return
	}
	var enc seri.Encoder
	if err := lseri.Pack(&enc, L, 1, n); err != nil {
		t.Fatalf("re-pack: %v", err)
	}
	if orderDependent {
		checkSameIgnoringOrder(t, enc.Bytes(), data)
	} else if string(enc.Bytes()) != string(data) {
		t.Fatalf("re-pack mismatch\n got %x\nwant %x", clip(enc.Bytes()), clip(data))
	}
}

func checkSameIgnoringOrder(t *testing.T, got, want []byte) {
	t.Helper()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	ng, errG := lseri.Unpack(L, got)
	nw, errW := lseri.Unpack(L, want)
	if errG != nil || errW != nil || ng != nw {
		t.Fatalf("unpack %v / %v", errG, errW)
	}
	for i := 1; i <= ng; i++ {
		if !luaEqual(L.Get(i), L.Get(ng+i)) {
			t.Fatalf("value %d differs:\n got %x\nwant %x", i, clip(got), clip(want))
		}
	}
}

func testDecodeVector(t *testing.T, L *lua.LState, v vector) {
	data, _ := hex.DecodeString(*v.Hex)
	n, err := lseri.Unpack(L, data)
	if v.Error != "" {
		if err == nil {
			t.Fatalf("Unpack succeeded with %d values, want %q", n, v.Error)
		}
		const prefix = "Invalid serialize stream"
		if strings.HasPrefix(v.Error, prefix) != strings.HasPrefix(err.Error(), prefix) {
			t.Fatalf("Unpack error %q, want %q", err, v.Error)
		}
		return
	}
	b := builder{L: L}
	want := b.list(t, v.Output)
	if b.inexact {
		if !errors.Is(err, lseri.ErrInexactInteger) {
			t.Fatalf("Unpack of an inexact integer: %v", err)
		}
		return
	}
	if err != nil || n != len(want) {
		t.Fatalf("Unpack: %d values, %v", n, err)
	}
	for i := range want {
		if !luaEqual(L.Get(i+1), want[i]) {
			t.Fatalf("value %d: got %v, want %v", i+1, L.Get(i+1), want[i])
		}
	}
}

func clip(b []byte) []byte {
	if len(b) > 100 {
		return b[:100]
	}
	return b
}
