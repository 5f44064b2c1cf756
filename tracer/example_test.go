package tracer_test

import (
	"fmt"
	"os"

	"github.com/skyconsole/skyconsole/tracer"
)

// A worker records a call and its reply; a reader pulls them and writes
// JSON lines.
func Example() {
	t := tracer.New(tracer.WithEnabled(true))
	w := t.NewWriter() // one per worker

	if t.Enabled() {
		w.Put(&tracer.Event{
			Wall: 1700000000_000001000, Now: 42, Node: 1,
			Type: tracer.TypeLua, Session: 2, Source: 0x0100000a, Dest: 0x0100000b,
			Size: 9, DurNs: 1500,
		})
		w.Put(&tracer.Event{
			Wall: 1700000000_000004000, Now: 42, Node: 1,
			Type: tracer.TypeResponse, Session: 2, Source: 0x0100000b, Dest: 0x0100000a,
			Size: 3, DurNs: 800,
		})
	}

	var cur tracer.Cursor
	evs, cur, dropped := t.Since(cur, nil)
	_ = cur // pass it to the next Since (or Wait)

	out := tracer.NewJSONLWriter(os.Stdout, tracer.NameMap{0x0100000b: "simpledb"}, nil)
	for i := range evs {
		out.WriteEvent(&evs[i])
	}
	fmt.Println("dropped:", dropped)
	// Output:
	// {"seq":1,"t":"2023-11-14T22:13:20.000001000Z","now":42,"node":1,"type":"lua","ptype":10,"session":2,"src":":0100000a","dst":":0100000b","src_name":"","dst_name":"simpledb","size":9,"outcome":"ok","dur_ns":1500}
	// {"seq":2,"t":"2023-11-14T22:13:20.000004000Z","now":42,"node":1,"type":"response","ptype":1,"session":2,"src":":0100000b","dst":":0100000a","src_name":"simpledb","dst_name":"","size":3,"outcome":"ok","dur_ns":800}
	// dropped: 0
}
