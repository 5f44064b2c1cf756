package runtime

import (
	"testing"
	"time"

	"github.com/skyconsole/skyconsole/tracer"
)

// BenchmarkDispatchHook is the tracer's cost on the dispatch path: the
// begin/end pair every dispatch runs, with tracing off and on.
func BenchmarkDispatchHook(b *testing.B) {
	for _, on := range []bool{false, true} {
		name := "trace=off"
		if on {
			name = "trace=on"
		}
		b.Run(name, func(b *testing.B) {
			tr := tracer.New(tracer.WithEnabled(on))
			n := New(WithTracer(tr))
			n.started = time.Now()
			n.startedNs = n.started.UnixNano()
			c := &Context{node: n, handle: 0x01000010}
			w := &worker{tw: tr.NewWriter(), svc: c}
			m := &Message{Type: PTypeLua, Session: 7, Source: 0x0100000e, Data: make([]byte, 20)}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				w.beginEvent(n, c, m)
				w.endEvent(n, nil)
			}
		})
	}
}
