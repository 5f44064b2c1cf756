package compat

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// BenchmarkOpen measures Open on fresh states, the per-service cost when
// every service has its own library tables.
func BenchmarkOpen(b *testing.B) { benchFresh(b, Open) }

// BenchmarkOpenBase measures the per-service part alone, for hosts that
// share the other library tables between services.
func BenchmarkOpenBase(b *testing.B) { benchFresh(b, openBase) }

// benchFresh times open on fresh states. States are made in small batches
// outside the timer, so that stopping the timer (which reads memory
// statistics) does not swamp the microseconds being measured, while the
// garbage they leave stays as small as in a real host.
func benchFresh(b *testing.B, open func(*lua.LState)) {
	const batch = 16
	states := make([]*lua.LState, 0, batch)
	b.ReportAllocs()
	for done := 0; done < b.N; done += len(states) {
		b.StopTimer()
		states = states[:0]
		for i := 0; i < batch && done+i < b.N; i++ {
			states = append(states, lua.NewState())
		}
		b.StartTimer()
		for _, L := range states {
			open(L)
		}
		b.StopTimer()
		for _, L := range states {
			L.Close()
		}
		b.StartTimer()
	}
}

// BenchmarkOpenAgain measures Open on a state that already has it, which
// isolates the work from map growth in the library tables.
func BenchmarkOpenAgain(b *testing.B) {
	L := lua.NewState()
	defer L.Close()
	Open(L)
	b.ReportAllocs()
	for b.Loop() {
		Open(L)
	}
}

// callBench calls string.<name> with fixed arguments from Go: the binding
// plus gopher-lua's call overhead, without the Lua loop around it.
func callBench(b *testing.B, name string, args ...lua.LValue) {
	L := lua.NewState()
	defer L.Close()
	Open(L)
	fn := L.GetField(L.GetGlobal("string"), name)
	b.ReportAllocs()
	for b.Loop() {
		L.Push(fn)
		for _, a := range args {
			L.Push(a)
		}
		L.Call(len(args), 1)
		L.Pop(1)
	}
}

func BenchmarkPackI4(b *testing.B) {
	callBench(b, "pack", lua.LString("<I4"), lua.LNumber(123456789))
}

func BenchmarkUnpackI4(b *testing.B) {
	callBench(b, "unpack", lua.LString("<I4"), lua.LString("\x15\xcd\x5b\x07"))
}

func BenchmarkFormatD(b *testing.B) {
	callBench(b, "format", lua.LString("id=%d name=%s"), lua.LNumber(123456789), lua.LString("agent"))
}

func BenchmarkFormatF(b *testing.B) {
	callBench(b, "format", lua.LString("%5.2f"), lua.LNumber(3.14159))
}
