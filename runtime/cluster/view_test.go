package cluster_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

// decodedList accepts the decoded field as a list (one entry per frame) or
// a single object.
func decodedList(t *testing.T, raw json.RawMessage, n int) []json.RawMessage {
	t.Helper()
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	if len(list) != n {
		t.Fatalf("decoded has %d entries for %d frames", len(list), n)
	}
	return list
}

// requestView is what skynet's unpackrequest returns for r, named as the
// vectors name it; the fields it leaves out are absent.
func requestView(r cluster.Request) map[string]any {
	m := map[string]any{}
	switch r.Kind {
	case cluster.ReqTrace:
		m["trace_tag"] = string(r.Data)
		return m
	case cluster.ReqPart, cluster.ReqLast:
		m["addr"] = false
		m["padding"] = r.Padding()
		m["payload_hex"] = hex.EncodeToString(r.Data)
	case cluster.ReqHeader:
		m["total_size"] = r.Total
		m["padding"] = true
		m["is_push"] = r.Push
	case cluster.ReqSingle:
		m["payload_hex"] = hex.EncodeToString(r.Data)
		if r.Push {
			m["is_push"] = true
		}
	}
	if r.Kind == cluster.ReqSingle || r.Kind == cluster.ReqHeader {
		if name, ok := r.Addr.Name(); ok {
			m["addr"] = name
		} else {
			h, _ := r.Addr.Handle()
			m["addr"] = h
		}
	}
	m["session"] = r.Session
	return m
}

// responseView is what skynet's unpackresponse returns for r.
func responseView(r cluster.Response) map[string]any {
	m := map[string]any{"session": r.Session, "ok": r.OK()}
	if r.Kind == cluster.RespBegin {
		m["total_size"] = r.Total
	} else {
		m["data_hex"] = hex.EncodeToString(r.Data)
	}
	if r.Padding() {
		m["padding"] = true
	}
	return m
}

// compareView checks a decoded object field by field against view, both
// ways: a field skynet returns must be in the vector and the reverse.
// payload_len/data_len and data_unpacked are derived and checked against
// the data.
func compareView(t *testing.T, where string, view map[string]any, raw json.RawMessage) {
	t.Helper()
	var want map[string]json.RawMessage
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("%s: decoded %s: %v", where, raw, err)
	}
	var data []byte
	if h, ok := view["payload_hex"].(string); ok {
		data, _ = hex.DecodeString(h)
	} else if h, ok := view["data_hex"].(string); ok {
		data, _ = hex.DecodeString(h)
	}
	for k, w := range want {
		switch k {
		case "payload_len", "data_len":
			var n int
			if err := json.Unmarshal(w, &n); err != nil || n != len(data) {
				t.Errorf("%s: %s = %s, data has %d bytes", where, k, w, len(data))
			}
			continue
		case "data_unpacked":
			var vals []json.RawMessage
			if err := json.Unmarshal(w, &vals); err != nil {
				t.Fatal(err)
			}
			if packed := packTyped(t, vals); !bytes.Equal(packed, data) {
				t.Errorf("%s: data %x is not skynet.pack of data_unpacked (%x)", where, data, packed)
			}
			continue
		}
		got, ok := view[k]
		if !ok {
			t.Errorf("%s: vector has %s=%s, decoder gives no such field", where, k, w)
			continue
		}
		if !sameJSON(t, got, w) {
			t.Errorf("%s: %s = %v, want %s", where, k, got, w)
		}
	}
	for k, got := range view {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: decoder gives %s=%v, vector has no such field", where, k, got)
		}
	}
}

func sameJSON(t *testing.T, got any, want json.RawMessage) bool {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var x, y any
	if json.Unmarshal(b, &x) != nil || json.Unmarshal(want, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
