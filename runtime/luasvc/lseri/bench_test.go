package lseri_test

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// The arguments of a typical skynet.call(addr, "lua", "ping", i, "x").

func BenchmarkPack(b *testing.B) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	L.Push(lua.LString("ping"))
	L.Push(lua.LNumber(12345))
	L.Push(lua.LString("x"))
	var enc seri.Encoder
	b.ReportAllocs()
	for b.Loop() {
		enc.Reset()
		if err := lseri.Pack(&enc, L, 1, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnpack(b *testing.B) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	data, _ := seri.Pack("ping", 12345, "x")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lseri.Unpack(L, data); err != nil {
			b.Fatal(err)
		}
		L.SetTop(0)
	}
}

func BenchmarkPackUnpack(b *testing.B) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	var enc seri.Encoder
	// Boxed once so the loop measures the bridge, not interface conversion;
	// the LNumber push below still costs the one allocation a caller pays.
	var ping, x lua.LValue = lua.LString("ping"), lua.LString("x")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		L.Push(ping)
		L.Push(lua.LNumber(i))
		L.Push(x)
		enc.Reset()
		if err := lseri.Pack(&enc, L, 1, 3); err != nil {
			b.Fatal(err)
		}
		if _, err := lseri.Unpack(L, enc.Bytes()); err != nil {
			b.Fatal(err)
		}
		L.SetTop(0)
	}
}

// BenchmarkPackTable packs a small table, the other common payload shape.
func BenchmarkPackTable(b *testing.B) {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	if err := L.DoString(`t = {1, 2, 3, name = "x", id = 42}`); err != nil {
		b.Fatal(err)
	}
	t := L.GetGlobal("t")
	var enc seri.Encoder
	b.ReportAllocs()
	for b.Loop() {
		enc.Reset()
		if err := lseri.PackValues(&enc, L, t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLuaRoundTrip measures the whole path as Lua code sees it.
func BenchmarkLuaRoundTrip(b *testing.B) {
	L := newState(b)
	if err := L.DoString(`
		function step(i)
			local a, n, c = skynet.unpack(skynet.pack("ping", i, "x"))
			return n
		end`); err != nil {
		b.Fatal(err)
	}
	step := L.GetGlobal("step")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := L.CallByParam(lua.P{Fn: step, NRet: 1, Protect: true}, lua.LNumber(i)); err != nil {
			b.Fatal(err)
		}
		L.Pop(1)
	}
}
