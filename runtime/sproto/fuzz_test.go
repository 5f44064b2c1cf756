package sproto

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Every fuzz target takes its input in two parts and feeds each part and
// their concatenation, so a seed split in two also explores truncations
// and the bytes that follow a message. Seeds come from the golden vectors.

func addSplit(f *testing.F, b []byte) {
	f.Add(b, []byte(nil))
	f.Add(b[:len(b)/2], b[len(b)/2:])
}

func parts(a, b []byte) [][]byte {
	return [][]byte{a, b, append(append([]byte(nil), a...), b...)}
}

func seedHex(f *testing.F, file string, keys ...string) {
	for _, v := range readVectors(f, file) {
		for _, k := range keys {
			if h := v.str(k); h != "" {
				addSplit(f, unhex(f, h))
			}
		}
	}
}

func fuzzTypes(f *testing.F) []*Type {
	c := schemaCache{}
	var out []*Type
	for _, spec := range []struct{ file, typ string }{
		{"types.sproto", "All"}, {"addressbook.sproto", "AddressBook"}, {"addressbook.sproto", "Person"},
		{"wire.sproto", "Data"}, {"wire.sproto", "Person"}, {"foobar.sproto", "foobar"},
		{"rpc.sproto", "package"}, {"rpc.sproto", "LoginResp"},
	} {
		out = append(out, c.get(f, spec.file).Type(spec.typ))
	}
	return out
}

func FuzzDecode(f *testing.F) {
	seedHex(f, "sproto.jsonl", "hex")
	seedHex(f, "sproto_rpc.jsonl", "unpacked_hex", "response_unpacked_hex")
	types := fuzzTypes(f)
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, in := range parts(a, b) {
			for _, typ := range types {
				m, n, err := typ.Decode(in)
				if err != nil {
					continue
				}
				if n > len(in) {
					t.Fatalf("%s consumed %d of %d bytes", typ.Name, n, len(in))
				}
				// Whatever decodes must encode again and decode again.
				re, err := typ.Encode(m)
				if err != nil {
					t.Fatalf("%s: re-encode of %#v: %v", typ.Name, m, err)
				}
				if _, _, err := typ.Decode(re); err != nil {
					t.Fatalf("%s: decode of re-encoding: %v", typ.Name, err)
				}
			}
		}
	})
}

func FuzzUnpack(f *testing.F) {
	seedHex(f, "sproto_pack.jsonl", "hex")
	seedHex(f, "sproto.jsonl", "packed_hex")
	seedHex(f, "sproto_rpc.jsonl", "hex", "response_hex")
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, in := range parts(a, b) {
			if un, err := Unpack(in); err == nil {
				if len(un)%8 != 0 || len(un) > 8*len(in) {
					t.Fatalf("unpacked %d bytes from %d", len(un), len(in))
				}
				again, err := Unpack(Pack(un))
				if err != nil || !bytes.Equal(again, un) {
					t.Fatalf("repack differs: %v", err)
				}
			}
			un, err := Unpack(Pack(in))
			if err != nil || !bytes.Equal(un[:len(in)], in) || len(un)-len(in) >= 8 {
				t.Fatalf("pack round trip: %v", err)
			}
		}
	})
}

func FuzzDispatch(f *testing.F) {
	seedHex(f, "sproto_rpc.jsonl", "hex", "response_hex")
	c := schemaCache{}
	serverSchema, clientSchema := c.get(f, "rpc.sproto"), c.get(f, "rpc_client.sproto")
	f.Fuzz(func(t *testing.T, a, b []byte) {
		server, _ := NewHost(serverSchema, "")
		client, _ := NewHost(clientSchema, "")
		req := client.Attach(serverSchema)
		for i, p := range []string{"foobar", "foo", "bar", "blackhole", "login", "notify"} {
			_, _ = req(p, map[string]any{}, WithSession(int64(i)), nil)
		}
		for _, in := range parts(a, b) {
			for _, h := range []*Host{server, client} {
				d, err := h.Dispatch(in)
				if err != nil || d.Responder == nil {
					continue
				}
				_, _ = d.Responder(nil, nil)
				_, _ = d.Responder(map[string]any{}, d.UD)
			}
		}
	})
}

func FuzzLoadBundle(f *testing.F) {
	seedHex(f, "sproto_schema.jsonl", "hex")
	sample := unhex(f, "0300000004000400000003000000616263")
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, in := range parts(a, b) {
			s, err := Load(in)
			if err != nil {
				continue
			}
			exercise(s)
			for _, typ := range s.Types() {
				_, _, _ = typ.Decode(sample)
			}
		}
	})
}

// FuzzParse checks the text parser never panics and that whatever it
// compiles loads.
func FuzzParse(f *testing.F) {
	for _, v := range readVectors(f, "sproto_schema.jsonl") {
		if text := v.obj("input").str("schema_text"); text != "" {
			addSplit(f, []byte(text))
		}
	}
	files, _ := filepath.Glob(filepath.Join(vectorDir, "*.sproto"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			addSplit(f, b)
		}
	}
	// Found by fuzzing: a protocol tag out of range used to panic.
	f.Add([]byte(".A"), []byte("{}A 70000{}"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, in := range parts(a, b) {
			bundle, err := ParseBundle(string(in), "")
			if err != nil {
				continue
			}
			s, err := Load(bundle)
			if err != nil {
				t.Fatalf("parsed schema does not load: %v\n%q", err, in)
			}
			exercise(s)
		}
	})
}
