package client

import (
	"errors"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

func TestEventString(t *testing.T) {
	t.Parallel()
	s, err := sproto.Parse(`
.package { type 0 : integer  session 1 : integer }
.item { id 0 : integer  name 1 : string }
.kv { k 0 : string  v 1 : integer }
info 1 {
	response {
		name 0 : string
		hp 1 : integer
		alive 2 : boolean
		speed 3 : double
		key 4 : binary
		items 5 : *item
		tags 6 : *string
		byid 7 : *item(id)
		scores 8 : *kv()
		best 9 : item
		gold 10 : integer(2)
	}
}`)
	if err != nil {
		t.Fatal(err)
	}
	typ := s.Protocol("info").Response
	byid := sproto.NewMap(2)
	byid.Set(int64(2), map[string]any{"name": "b", "id": int64(2)})
	byid.Set(int64(1), map[string]any{"id": int64(1)})
	scores := sproto.NewMap(1)
	scores.Set("x", int64(3))
	tests := []struct {
		ev   Event
		want string
	}{
		{Event{Kind: EventRequest, Name: "heartbeat"}, "REQUEST heartbeat"},
		{Event{Kind: EventResponse, Session: sproto.WithSession(0), Name: "set"}, "RESPONSE session=0 set"},
		{Event{Kind: EventResponse, Session: sproto.WithSession(4), Name: "info", typ: typ, Args: map[string]any{
			"gold": 1.25, "alive": true, "hp": int64(-3), "name": "a \"b\"", "speed": 0.5, "key": []byte{0xde, 0xad},
		}}, `RESPONSE session=4 info name="a \"b\"" hp=-3 alive=true speed=0.5 key=0xdead gold=1.25`},
		{Event{Kind: EventResponse, Session: sproto.WithSession(5), Name: "info", typ: typ, Args: map[string]any{
			"items":  []any{map[string]any{"name": "x", "id": int64(1)}},
			"tags":   []any{"p", "q"},
			"byid":   byid,
			"scores": scores,
			"best":   map[string]any{"name": "n", "id": int64(9)},
		}}, `RESPONSE session=5 info items=[{id=1 name="x"}] tags=["p" "q"] byid={2:{id=2 name="b"} 1:{id=1}} scores={"x":3} best={id=9 name="n"}`},
		// Without a type the fields are sorted by name.
		{Event{Kind: EventRequest, Name: "x", Args: map[string]any{"b": nil, "a": uint8(1)}}, "REQUEST x a=1 b=nil"},
		{Event{Kind: EventInvalid, Frame: []byte{1, 2}, Err: errors.New("boom")}, "INVALID 2 bytes 0102: boom"},
	}
	for _, tt := range tests {
		if got := tt.ev.String(); got != tt.want {
			t.Errorf("\n got %s\nwant %s", got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	for v, want := range map[interface{ String() string }]string{
		EventResponse: "RESPONSE", EventRequest: "REQUEST", EventInvalid: "INVALID", EventKind(9): "EventKind(9)",
		NotClosed: "open", ClientClosed: "closed by client", ServerClosed: "closed by server",
		ReadFailed: "read failed", CloseReason(9): "CloseReason(9)",
		OpNone: "none", OpRequest: "request", OpRaw: "raw", OpHelp: "help", OpExit: "exit", Op(9): "op(9)",
		FramingS2: "s2", FramingLine: "line", Framing(9): "framing(9)",
	} {
		if got := v.String(); got != want {
			t.Errorf("%#v: %s, want %s", v, got, want)
		}
	}
}
