package seri_test

import (
	"testing"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

// The payload of a typical skynet.call("ping", 1, "x").

func BenchmarkPack(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := seri.Pack("ping", 1, "x"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncoderReuse(b *testing.B) {
	b.ReportAllocs()
	var e seri.Encoder
	for b.Loop() {
		e.Reset()
		_ = e.WriteString("ping")
		_ = e.WriteInt(1)
		_ = e.WriteString("x")
	}
}

func BenchmarkUnpack(b *testing.B) {
	data, _ := seri.Pack("ping", 1, "x")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := seri.Unpack(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecoderStream(b *testing.B) {
	data, _ := seri.Pack("ping", 1, "x")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var d seri.Decoder
	for b.Loop() {
		d.Reset(data)
		for d.More() {
			if _, err := d.Next(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
