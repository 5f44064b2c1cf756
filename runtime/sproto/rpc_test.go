package sproto

import (
	"errors"
	"sync"
	"testing"
)

func rpcHosts(t *testing.T) (server, client *Host, serverSchema *Schema) {
	t.Helper()
	c := schemaCache{}
	serverSchema = c.get(t, "rpc.sproto")
	server, err := NewHost(serverSchema, "")
	if err != nil {
		t.Fatal(err)
	}
	client, err = NewHost(c.get(t, "rpc_client.sproto"), "package")
	if err != nil {
		t.Fatal(err)
	}
	return server, client, serverSchema
}

func TestRPCSessionsAndUD(t *testing.T) {
	server, client, ss := rpcHosts(t)
	req := client.Attach(ss)
	for _, id := range []int64{0, 1<<31 - 1, 1 << 31, 1 << 40, -5} {
		b, err := req("login", map[string]any{"user": "u"}, WithSession(id), int64(77))
		if err != nil {
			t.Fatal(err)
		}
		d, err := server.Dispatch(b)
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != Request || d.Name != "login" || d.Tag != 300 || d.Session != WithSession(id) || d.UD != int64(77) {
			t.Fatalf("session %d: %+v", id, d)
		}
		resp, err := d.Responder(map[string]any{"ok": true, "uid": id}, int64(-3))
		if err != nil {
			t.Fatal(err)
		}
		r, err := client.Dispatch(resp)
		if err != nil {
			t.Fatal(err)
		}
		if r.Kind != Response || r.Session.ID != id || r.UD != int64(-3) {
			t.Fatalf("response %d: %+v", id, r)
		}
		sameValue(t, "result", r.Args, map[string]any{"ok": true, "uid": id})
		// The session was forgotten.
		_, err = client.Dispatch(resp)
		if !errors.Is(err, ErrSession) {
			t.Fatalf("second response: %v", err)
		}
		wantErr(t, err, "Unknown session")
	}
}

func TestRPCErrors(t *testing.T) {
	server, client, ss := rpcHosts(t)
	req := client.Attach(ss)

	_, err := req("nope", nil, Session{}, nil)
	if !errors.Is(err, ErrUnknownProtocol) {
		t.Errorf("unknown name: %v", err)
	}
	_, err = req("foobar", nil, WithSession(1), nil)
	wantErr(t, err, "attempt to index a nil value")
	if client.Pending() != 0 {
		t.Error("a failed request left its session behind")
	}

	// A header with neither type nor session.
	_, err = client.Dispatch(Pack([]byte{0, 0}))
	wantErr(t, err, "session not found")
	// A request for a tag the receiver does not know.
	_, err = client.Dispatch(Pack([]byte{1, 0, 0x0e, 0}))
	if !errors.Is(err, ErrUnknownProtocol) {
		t.Errorf("unknown tag: %v", err)
	}
	_, err = server.Dispatch([]byte{0xff})
	if !errors.Is(err, ErrUnpack) {
		t.Errorf("bad pack: %v", err)
	}

	// `response nil` refuses a body; no response at all ignores one.
	b, _ := req("bar", nil, WithSession(2), nil)
	d, err := server.Dispatch(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Responder(map[string]any{"x": 1}, nil); !errors.Is(err, ErrUnexpectedArgs) {
		t.Errorf("response nil with args: %v", err)
	}
	b, _ = req("blackhole", nil, WithSession(3), nil)
	d, _ = server.Dispatch(b)
	if _, err := d.Responder(map[string]any{"x": 1}, nil); err != nil {
		t.Errorf("blackhole with args: %v", err)
	}
	if _, err := NewHost(ss, "nothere"); !errors.Is(err, ErrUnknownType) {
		t.Errorf("missing package type: %v", err)
	}
}

func TestHeaderless(t *testing.T) {
	ss := schemaCache{}.get(t, "rpc.sproto")
	body, tag, err := ss.RequestEncode("notify", map[string]any{"text": "t", "seq": 3})
	if err != nil || tag != 1000 {
		t.Fatal(tag, err)
	}
	got, err := ss.RequestDecode("notify", body)
	if err != nil {
		t.Fatal(err)
	}
	sameValue(t, "request", got, map[string]any{"text": "t", "seq": int64(3)})
	for _, p := range []string{"foo", "bar", "blackhole"} {
		b, _, err := ss.RequestEncode(p, nil)
		if err != nil || b == nil || len(b) != 0 {
			t.Errorf("%s request: %x %v", p, b, err)
		}
		if _, _, err := ss.RequestEncode(p, map[string]any{}); !errors.Is(err, ErrUnexpectedArgs) {
			t.Errorf("%s request with args: %v", p, err)
		}
		if m, err := ss.RequestDecode(p, []byte{1, 2, 3}); m != nil || err != nil {
			t.Errorf("%s request decode: %v %v", p, m, err)
		}
	}
	if b, err := ss.ResponseEncode("blackhole", nil); err != nil || len(b) != 0 {
		t.Errorf("blackhole response: %x %v", b, err)
	}
	if b, err := ss.ResponseEncode("bar", nil); err != nil || len(b) != 0 {
		t.Errorf("bar response: %x %v", b, err)
	}
	if _, err := ss.ResponseEncode("bar", map[string]any{}); !errors.Is(err, ErrUnexpectedArgs) {
		t.Errorf("bar response with args: %v", err)
	}
	b, err := ss.ResponseEncode("foo", map[string]any{"ok": true})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := ss.ResponseDecode("foo", b); err != nil || m["ok"] != true {
		t.Errorf("foo response: %v %v", m, err)
	}
	if _, err := ss.ResponseDecode("nope", b); !errors.Is(err, ErrUnknownProtocol) {
		t.Errorf("unknown protocol: %v", err)
	}
}

// TestHostConcurrent shares one schema and one host between goroutines;
// run with -race.
func TestHostConcurrent(t *testing.T) {
	server, client, ss := rpcHosts(t)
	req := client.Attach(ss)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				id := int64(g*1000 + i)
				b, err := req("foobar", map[string]any{"what": "x"}, WithSession(id), nil)
				if err != nil {
					t.Error(err)
					return
				}
				d, err := server.Dispatch(b)
				if err != nil {
					t.Error(err)
					return
				}
				resp, err := d.Responder(map[string]any{"ok": true}, nil)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := client.Dispatch(resp); err != nil {
					t.Error(err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	if client.Pending() != 0 {
		t.Errorf("%d sessions pending", client.Pending())
	}
}
