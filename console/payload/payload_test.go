package payload_test

import (
	"testing"

	"github.com/skyconsole/skyconsole/console/payload"
	"github.com/skyconsole/skyconsole/runtime/cluster"
	"github.com/skyconsole/skyconsole/runtime/seri"
	"github.com/skyconsole/skyconsole/tracer"
)

// pack builds a skynet.pack stream: "kick", 8, {cmd="start", 7, true}.
func pack(t *testing.T) []byte {
	t.Helper()
	e := seri.NewEncoder(64)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e.WriteString("kick"))
	must(e.WriteInt(8))
	must(e.BeginTable(2))
	must(e.WriteInt(7))
	must(e.WriteBool(true))
	must(e.WriteString("cmd"))
	must(e.WriteString("start"))
	must(e.EndTable())
	return e.Bytes()
}

func event(typ uint8, body []byte, size int) *tracer.Event {
	e := &tracer.Event{Type: typ, Size: int32(size), Dest: 42}
	e.SetPayload(body)
	return e
}

func TestLuaBodiesShowAsValueLists(t *testing.T) {
	body := pack(t)
	dec := payload.Decoder(nil)
	got := payload.Format(dec(event(tracer.TypeLua, body, len(body))))
	if want := `"kick", 8, {[1]=7, [2]=true, cmd="start"}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	// The capture stopped inside the table: what decoded, then the mark.
	cut := payload.Format(dec(event(tracer.TypeLua, body[:9], 200)))
	if want := `"kick", 8, …`; cut != want {
		t.Fatalf("cut: got %s, want %s", cut, want)
	}
	if v := dec(event(tracer.TypeLua, []byte{0xff, 0xff}, 2)); v != nil {
		t.Fatalf("garbage decoded to %v", v)
	}
	if v := dec(event(tracer.TypeSocket, body, len(body))); v != nil {
		t.Fatalf("socket body decoded to %v", v)
	}
}

func TestTextAndStrings(t *testing.T) {
	dec := payload.Decoder(nil)
	if got := dec(event(tracer.TypeText, []byte("hello"), 9)); got != "hello…" {
		t.Fatalf("text: %v", got)
	}
	e := seri.NewEncoder(16)
	_ = e.WriteString("a\"b\n\x01")
	if got := payload.Format(dec(event(tracer.TypeResponse, e.Bytes(), e.Len()))); got != `"a\"b\n\1"` {
		t.Fatalf("escapes: %s", got)
	}
}

func TestClusterFramesToAnAgent(t *testing.T) {
	e := seri.NewEncoder(16)
	_ = e.WriteString("GET")
	_ = e.WriteString("a")
	frames, _, err := cluster.PackRequest(cluster.NameAddr("@sdb"), 3, e.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	body := frames[0][2:]
	names := tracer.NameMap{42: "clusteragent"}
	got := payload.Format(payload.Decoder(names)(event(tracer.TypeClient, body, len(body))))
	if want := `{addr="@sdb", args={"GET", "a"}, cluster="single", session=3}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if v := payload.Decoder(nil)(event(tracer.TypeClient, body, len(body))); v != nil {
		t.Fatalf("a client message to another service decoded as %v", v)
	}
}

func FuzzValues(f *testing.F) {
	f.Add([]byte{}, false)
	f.Add([]byte{0x24, 'p', 'i', 'n', 'g', 0x0a, 0x01}, true)
	f.Fuzz(func(t *testing.T, body []byte, cut bool) {
		v := payload.Values(body, cut)
		_ = payload.Format(v)
	})
}
