package main

import (
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/tracer"
)

// The readable trace shows who talked to whom and, with capture on, what
// they said: lua bodies decoded, socket data as hex.
func TestTextTraceShowsBodies(t *testing.T) {
	var out strings.Builder
	names := tracer.NameMap{0x0100000f: "gate", 0x0100000e: "watchdog"}
	tt := newTextTrace(&out, names)

	kick := &tracer.Event{Seq: 42, Now: 35, Type: tracer.TypeLua, Session: 6, Source: 0x0100000e, Dest: 0x0100000f, Size: 7}
	kick.SetPayload([]byte{0x24, 'k', 'i', 'c', 'k', 0x0a, 0x08}) // skynet.pack("kick", 8)
	data := &tracer.Event{Seq: 43, Now: 35, Type: tracer.TypeSocket, Sock: tracer.SockData, Fd: 8, Dest: 0x0100000f, Size: 6}
	data.SetPayload([]byte{0x00, 0x04, 0x15, 0x02, 0x04, 0x04})
	for _, e := range []*tracer.Event{kick, data} {
		if err := tt.WriteEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if want := `    42   0.35s  gate(:0100000f) <- watchdog(:0100000e)  lua  session=6  7B  "kick", 8`; lines[0] != want {
		t.Fatalf("lua line\n got %q\nwant %q", lines[0], want)
	}
	if want := `    43   0.35s  gate(:0100000f) <- :00000000  socket data fd=8  6B  000415020404`; lines[1] != want {
		t.Fatalf("socket line\n got %q\nwant %q", lines[1], want)
	}
}
