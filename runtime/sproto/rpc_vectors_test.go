package sproto

import (
	"encoding/hex"
	"strings"
	"testing"
)

// args converts an RPC vector's args: JSON null is Lua nil, [] is {}.
func args(v any) map[string]any {
	if v == nil {
		return nil
	}
	return message(v)
}

func session(v vector, key string) Session {
	if !v.has(key) || v[key] == nil {
		return Session{}
	}
	return WithSession(fromJSON(v[key]).(int64))
}

func checkDispatch(t *testing.T, what string, d Dispatched, want vector) {
	t.Helper()
	if d.Kind.String() != want.str("kind") {
		t.Fatalf("%s kind %v, want %s", what, d.Kind, want.str("kind"))
	}
	if d.Kind == Request {
		if d.Name != want.str("name") {
			t.Errorf("%s name %q, want %q", what, d.Name, want.str("name"))
		}
		sameValue(t, what+" args", anyArgs(d.Args), anyArgs(args(want["args"])))
		if has, _ := want["has_responder"].(bool); has != (d.Responder != nil) {
			t.Errorf("%s responder %v, want %v", what, d.Responder != nil, has)
		}
	} else {
		if s := session(want, "session"); s != d.Session {
			t.Errorf("%s session %+v, want %+v", what, d.Session, s)
		}
		sameValue(t, what+" result", anyArgs(d.Args), anyArgs(args(want["result"])))
	}
	if want.has("ud") {
		sameValue(t, what+" ud", d.UD, fromJSON(want["ud"]))
	}
}

// anyArgs keeps a nil map nil when boxed, so it compares equal to nil.
func anyArgs(m map[string]any) any {
	if m == nil {
		return nil
	}
	return m
}

func TestVectorsRPC(t *testing.T) {
	schemas := schemaCache{}
	server := schemas.get(t, "rpc.sproto")
	for _, v := range readVectors(t, "sproto_rpc.jsonl") {
		t.Run(v.str("case"), func(t *testing.T) {
			in := v.obj("input")
			name := v.str("case")
			switch {
			case strings.HasPrefix(name, "rpc_request_encode_"):
				body, tag, err := server.RequestEncode(in.str("proto"), args(in["args"]))
				if err != nil {
					t.Fatal(err)
				}
				if h := hex.EncodeToString(body); h != v.str("hex") {
					t.Errorf("body %s, want %s", h, v.str("hex"))
				}
				if want := fromJSON(v["tag"]).(int64); int64(tag) != want {
					t.Errorf("tag %d, want %d", tag, want)
				}
				return
			case strings.HasPrefix(name, "rpc_response_encode_"):
				body, err := server.ResponseEncode(in.str("proto"), args(in["args"]))
				if err != nil {
					t.Fatal(err)
				}
				if h := hex.EncodeToString(body); h != v.str("hex") {
					t.Errorf("body %s, want %s", h, v.str("hex"))
				}
				return
			}

			// Sender and receiver: the client host talks to the server
			// schema; a server push is sent and received with rpc.sproto.
			senderSchema := schemas.get(t, "rpc_client.sproto")
			if f := in.str("client_schema"); f != "" {
				senderSchema = schemas.get(t, f)
			}
			push := !v.has("server_dispatch")
			if push {
				senderSchema = server
			}
			sender, err := NewHost(senderSchema, "")
			if err != nil {
				t.Fatal(err)
			}
			receiver, err := NewHost(server, "")
			if err != nil {
				t.Fatal(err)
			}
			req := sender.Attach(server)
			packed, err := req(in.str("proto"), args(in["args"]), session(in, "session"), fromJSON(in["ud"]))
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(packed); h != v.str("hex") {
				t.Fatalf("request\n got %s\nwant %s", h, v.str("hex"))
			}
			if v.has("unpacked_hex") {
				un, err := Unpack(packed)
				if err != nil {
					t.Fatal(err)
				}
				if h := hex.EncodeToString(un); h != v.str("unpacked_hex") {
					t.Errorf("unpacked\n got %s\nwant %s", h, v.str("unpacked_hex"))
				}
			}
			d, err := receiver.Dispatch(packed)
			if err != nil {
				t.Fatal(err)
			}
			if push {
				checkDispatch(t, "dispatch", d, v.obj("client_dispatch"))
				return
			}
			checkDispatch(t, "server dispatch", d, v.obj("server_dispatch"))
			if d.Responder == nil {
				return
			}
			resp, err := d.Responder(args(in["response_args"]), fromJSON(in["response_ud"]))
			if v.has("response_error") {
				wantErr(t, err, v.str("response_error"))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(resp); h != v.str("response_hex") {
				t.Fatalf("response\n got %s\nwant %s", h, v.str("response_hex"))
			}
			un, err := Unpack(resp)
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(un); h != v.str("response_unpacked_hex") {
				t.Errorf("response unpacked\n got %s\nwant %s", h, v.str("response_unpacked_hex"))
			}
			cd, err := sender.Dispatch(resp)
			if err != nil {
				t.Fatal(err)
			}
			checkDispatch(t, "client dispatch", cd, v.obj("client_dispatch"))
			if n := sender.Pending(); n != 0 {
				t.Errorf("%d sessions still pending", n)
			}
		})
	}
}
