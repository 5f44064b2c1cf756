package tracer

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w []byte
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if !bytes.Equal(g, w) {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(run go test -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

const (
	hGate     = 0x0100000f
	hWatchdog = 0x0100000e
	hAgent    = 0x01000010
	hDB       = 0x0100000d
	hOdd      = 0x01000011
	hGone     = 0x01000099
	hRemote   = 0x02000005
)

var fixtureNames = NameMap{
	hGate: "gate", hWatchdog: "watchdog", hAgent: "agent", hDB: ".simpledb",
	hOdd: "odd;name#1 \"quoted\"", hRemote: "remote",
}

// fixture is a gate handshake in the shape of the skynet baseline, plus the
// awkward cases: dead letters, errors, an unknown ptype, a second node,
// strings that need escaping and captured bytes.
func fixture() []Event {
	const base = 1700000000_000000000
	ev := func(seq uint64, us int64, e Event) Event {
		e.Seq, e.Wall, e.Now, e.Node = seq, base+us*1000+7, 170000+us/10000, 1
		return e
	}
	accept := ev(1, 0, Event{Type: TypeSocket, Sock: SockAccept, Dest: hGate, Fd: 7, Size: 15, DurNs: 5200})
	accept.SetPayload([]byte("127.0.0.1:59078"))
	data := ev(5, 400, Event{Type: TypeSocket, Sock: SockData, Dest: hGate, Fd: 8, Size: 6, DurNs: 3100})
	data.SetPayload([]byte{0, 4, 0x15, 0x02, 0x04, 0x04})
	client := ev(6, 420, Event{Type: TypeClient, Session: 8, Fd: 8, Source: hGate, Dest: hAgent, Size: 4, DurNs: 9000, Tag: ":01000010-1"})
	client.SetPayload([]byte{0x15, 0x02, 0x04, 0x04})
	odd := ev(10, 900, Event{Type: TypeText, Source: hOdd, Dest: hDB, Size: 2, Tag: "he said \"hi\"\n\x01 \u2603 \xff\u2028"})
	odd.SetPayload([]byte{0xff, 0x00})
	remote := ev(12, 1000, Event{Type: TypeHarbor, Source: hRemote, Dest: hDB, Size: 20, DurNs: 1000})
	remote.Node = 2
	return []Event{
		accept,
		ev(2, 100, Event{Type: TypeLua, Source: hGate, Dest: hWatchdog, Size: 30, DurNs: 12000}),
		ev(3, 200, Event{Type: TypeLua, Session: 2, Source: hWatchdog, Dest: hAgent, Size: 11, DurNs: 40000}),
		ev(4, 300, Event{Type: TypeResponse, Session: 2, Source: hAgent, Dest: hWatchdog, Size: 0, DurNs: 800}),
		data,
		client,
		ev(7, 500, Event{Type: TypeTrace, Source: hAgent, Dest: hDB, Size: 11, Tag: ":01000010-1"}),
		ev(8, 600, Event{Type: TypeLua, Session: 4, Source: hAgent, Dest: hDB, Size: 17, DurNs: 2500, Outcome: Error, Tag: ":01000010-1"}),
		ev(9, 700, Event{Type: TypeError, Session: 4, Source: hDB, Dest: hAgent, Size: 0, DurNs: 300}),
		odd,
		ev(11, 950, Event{Type: TypeLua, Session: 5, Source: hAgent, Dest: hGone, Size: 9, Outcome: Dead}),
		remote,
		ev(13, 1100, Event{Type: 200, Source: hWatchdog, Dest: hWatchdog, Size: 1, Outcome: Dropped}),
		ev(14, 1200, Event{Type: TypeSocket, Sock: SockClose, Dest: hGate, Fd: 8, DurNs: 2000}),
	}
}

// fixtureDecoder stands in for a seri/sproto decoder.
func fixtureDecoder(e *Event) any {
	switch e.Seq {
	case 2:
		return []any{"socket", "open", 8, "127.0.0.1:59078"}
	case 3:
		return map[string]any{"cmd": "start", "gate": int64(hGate), "ratio": 0.5, "ok": true, "none": nil}
	case 8:
		return []any{"set", "hello", math.Inf(1), math.NaN()}
	case 13:
		return struct {
			Kind string `json:"kind"`
		}{"custom"}
	}
	return nil
}
