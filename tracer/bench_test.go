package tracer

import (
	"io"
	"testing"
)

func benchEvent() Event {
	e := Event{Wall: 1700000000_000000000, Now: 170000, Node: 1, Type: TypeLua, Session: 3,
		Source: 0x0100000a, Dest: 0x0100000b, Size: 40, DurNs: 1200, Tag: ":0100000a-1"}
	return e
}

// The whole cost of tracing on the dispatch path while it is off.
func BenchmarkEnabledOff(b *testing.B) {
	tr := New()
	n := 0
	for b.Loop() {
		if tr.Enabled() {
			n++
		}
	}
	if n != 0 {
		b.Fatal("enabled")
	}
}

func BenchmarkPut(b *testing.B) {
	tr := New(WithEnabled(true))
	w := tr.NewWriter()
	e := benchEvent()
	b.ReportAllocs()
	for b.Loop() {
		w.Put(&e)
	}
}

func BenchmarkPutCapture(b *testing.B) {
	tr := New(WithEnabled(true), WithCapture(true))
	w := tr.NewWriter()
	e := benchEvent()
	e.SetPayload(make([]byte, PayloadCap))
	b.ReportAllocs()
	for b.Loop() {
		w.Put(&e)
	}
}

// Every goroutine has its own ring; they share only the sequence counter.
func BenchmarkPutParallel(b *testing.B) {
	tr := New(WithEnabled(true))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := tr.NewWriter()
		e := benchEvent()
		for pb.Next() {
			w.Put(&e)
		}
	})
}

func BenchmarkPutShared(b *testing.B) {
	tr := New(WithEnabled(true))
	w := tr.Shared()
	e := benchEvent()
	b.ReportAllocs()
	for b.Loop() {
		w.Put(&e)
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	e := benchEvent()
	names := NameMap{0x0100000a: "watchdog", 0x0100000b: "agent"}
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = AppendJSON(buf[:0], &e, names, nil)
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkJSONLWriter(b *testing.B) {
	e := benchEvent()
	e.SetPayload([]byte("0123456789abcdef"))
	w := NewJSONLWriter(io.Discard, NameMap{0x0100000a: "watchdog", 0x0100000b: "agent"}, nil)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.WriteEvent(&e); err != nil {
			b.Fatal(err)
		}
	}
}

// Reading a full ring: the reader's cost per event.
func BenchmarkSince(b *testing.B) {
	tr := New(WithRingSize(1024))
	w := tr.NewWriter()
	e := benchEvent()
	dst := make([]Event, 0, 1024)
	for b.Loop() {
		b.StopTimer()
		c := tr.Latest()
		for range 1024 {
			w.Put(&e)
		}
		b.StartTimer()
		dst, _, _ = tr.Since(c, dst[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1024), "ns/event")
}
