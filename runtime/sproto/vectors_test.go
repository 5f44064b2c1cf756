package sproto

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The golden vectors were produced by the C/Lua reference; see
// testdata/vectors/README.md for the layout of each file.

const vectorDir = "../../testdata/vectors"

type vector map[string]any

func readVectors(t testing.TB, name string) []vector {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		var v vector
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (v vector) str(key string) string {
	s, _ := v[key].(string)
	return s
}

func (v vector) obj(key string) vector {
	m, _ := v[key].(map[string]any)
	return m
}

func (v vector) has(key string) bool {
	_, ok := v[key]
	return ok
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// schemaCache parses each .sproto file of the vector folder once.
type schemaCache map[string]*Schema

func (c schemaCache) get(t testing.TB, file string) *Schema {
	t.Helper()
	if s := c[file]; s != nil {
		return s
	}
	text, err := os.ReadFile(filepath.Join(vectorDir, file))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(string(text))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	c[file] = s
	return s
}

// fromJSON converts a vector's message JSON into the value model.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if strings.ContainsAny(s, ".eE") {
			f, _ := x.Float64()
			return f
		}
		i, _ := x.Int64()
		return i
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromJSON(e)
		}
		return out
	case map[string]any:
		if h, ok := x["$hex"].(string); ok {
			b, _ := hex.DecodeString(h)
			return b
		}
		if f, ok := x["$float"].(string); ok {
			switch f {
			case "inf":
				return math.Inf(1)
			case "-inf":
				return math.Inf(-1)
			}
			return math.NaN()
		}
		if p, ok := x["$rep"].(string); ok {
			n, _ := x["n"].(json.Number).Int64()
			return strings.Repeat(p, int(n))
		}
		if entries, ok := x["$map"].([]any); ok {
			m := NewMap(len(entries))
			for _, e := range entries {
				kv := e.([]any)
				m.Set(fromJSON(kv[0]), fromJSON(kv[1]))
			}
			return m
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = fromJSON(e)
		}
		return out
	}
	return v
}

// message converts a top-level message: Lua's {} arrives as [].
func message(v any) map[string]any {
	switch m := fromJSON(v).(type) {
	case map[string]any:
		return m
	case []any:
		return map[string]any{}
	}
	return nil
}

type emptyTable struct{}

type floatBits uint64

// canon maps a decoded value onto a form reflect.DeepEqual can compare
// with the expectation: an empty table is an empty table whatever its Go
// shape, binary equals string, floats compare by bits.
func canon(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case float64:
		return floatBits(math.Float64bits(x))
	case []any:
		if len(x) == 0 {
			return emptyTable{}
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canon(e)
		}
		return out
	case map[string]any:
		if len(x) == 0 {
			return emptyTable{}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canon(e)
		}
		return out
	case *Map:
		if x.Len() == 0 {
			return emptyTable{}
		}
		var out [][2]any
		for k, e := range x.All() {
			out = append(out, [2]any{canon(normKey(k)), canon(e)})
		}
		return out
	}
	return v
}

func sameValue(t *testing.T, what string, got, want any) {
	t.Helper()
	if g, w := canon(got), canon(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, g, w)
	}
}

func wantErr(t *testing.T, err error, text string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", text)
	}
	if !strings.Contains(err.Error(), text) {
		t.Errorf("error %q does not contain %q", err, text)
	}
}

func TestVectorsSchema(t *testing.T) {
	for _, v := range readVectors(t, "sproto_schema.jsonl") {
		t.Run(v.str("case"), func(t *testing.T) {
			in := v.obj("input")
			text := in.str("schema_text")
			if f := in.str("schema"); f != "" {
				b, err := os.ReadFile(filepath.Join(vectorDir, f))
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			got, err := ParseBundle(text, "")
			if v.has("error") {
				wantErr(t, err, v.str("error"))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(got); h != v.str("hex") {
				t.Fatalf("bundle\n got %s\nwant %s", h, v.str("hex"))
			}
			if _, err := Load(got); err != nil {
				t.Fatalf("load: %v", err)
			}
		})
	}
}

func TestVectorsCodec(t *testing.T) {
	schemas := schemaCache{}
	for _, v := range readVectors(t, "sproto.jsonl") {
		t.Run(v.str("case"), func(t *testing.T) {
			in := v.obj("input")
			s := schemas.get(t, in.str("schema"))
			typ := s.Type(in.str("type"))
			if typ == nil {
				t.Fatalf("no type %s", in.str("type"))
			}
			if v.str("direction") == "decode" {
				got, _, err := typ.Decode(unhex(t, v.str("hex")))
				if v.has("error") {
					wantErr(t, err, v.str("error"))
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				sameValue(t, "decoded", got, message(v["decoded"]))
				return
			}
			enc, err := typ.Encode(message(in["message"]))
			if v.has("error") {
				wantErr(t, err, v.str("error"))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(enc); h != v.str("hex") {
				t.Fatalf("encode\n got %s\nwant %s", h, v.str("hex"))
			}
			packed := Pack(enc)
			if h := hex.EncodeToString(packed); h != v.str("packed_hex") {
				t.Errorf("pack\n got %s\nwant %s", h, v.str("packed_hex"))
			}
			dec, n, err := typ.Decode(enc)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(enc) {
				t.Errorf("decode consumed %d of %d bytes", n, len(enc))
			}
			sameValue(t, "decoded", dec, message(v["decoded"]))
			unpacked, err := Unpack(packed)
			if err != nil {
				t.Fatal(err)
			}
			dec2, _, err := typ.Decode(unpacked)
			if err != nil {
				t.Fatal(err)
			}
			sameValue(t, "decoded after unpack", dec2, dec)
		})
	}
}

func TestVectorsPack(t *testing.T) {
	for _, v := range readVectors(t, "sproto_pack.jsonl") {
		t.Run(v.str("case"), func(t *testing.T) {
			if v.str("direction") == "unpack" {
				_, err := Unpack(unhex(t, v.str("hex")))
				wantErr(t, err, v.str("error"))
				return
			}
			packed := Pack(unhex(t, v.str("unpacked_hex")))
			if h := hex.EncodeToString(packed); h != v.str("hex") {
				t.Errorf("pack\n got %s\nwant %s", h, v.str("hex"))
			}
			un, err := Unpack(unhex(t, v.str("hex")))
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(un); h != v.str("unpack_hex") {
				t.Errorf("unpack\n got %s\nwant %s", h, v.str("unpack_hex"))
			}
		})
	}
}
