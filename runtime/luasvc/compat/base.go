package compat

import (
	"fmt"
	"runtime"
	"runtime/metrics"

	lua "github.com/yuin/gopher-lua"
)

// baseXPCall is xpcall(f, msgh, ...) with Lua 5.2+ semantics: the extra
// arguments go to f. gopher-lua's version drops them.
func baseXPCall(L *lua.LState) int {
	// Like C Lua, f is not checked: calling a non-function is an error that
	// reaches the handler.
	handler, ok := L.Get(2).(*lua.LFunction)
	if !ok {
		raise(L, "xpcall", typeError(L, 2, "function"))
	}
	L.Remove(2) // leaves f and its arguments, as PCall wants them
	nargs := L.GetTop() - 1
	if err := L.PCall(nargs, lua.MultRet, handler); err != nil {
		L.Push(lua.LFalse)
		if aerr, ok := err.(*lua.ApiError); ok {
			L.Push(aerr.Object)
		} else {
			L.Push(lua.LString(err.Error()))
		}
		return 2
	}
	L.Insert(lua.LTrue, 1)
	return L.GetTop()
}

// heapObjectsMetric counts bytes in live and not-yet-swept heap objects,
// the nearest Go figure to Lua's "memory in use". Reading it through
// runtime/metrics does not stop the world, unlike runtime.ReadMemStats.
const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

// baseCollectGarbage accepts every Lua 5.3 and 5.4 option. All services
// share one Go heap, so the options that would tune a per-state collector
// are accepted and ignored, and "count" reports the whole process heap
// (the Lua host replaces "count" with a per-service estimate).
func baseCollectGarbage(L *lua.LState) int {
	opt := "collect"
	if L.Get(1) != lua.LNil {
		opt = checkString(L, 1, "collectgarbage")
	}
	switch opt {
	case "collect":
		runtime.GC()
		L.Push(lua.LNumber(0))
	case "count":
		sample := []metrics.Sample{{Name: heapObjectsMetric}}
		metrics.Read(sample)
		var kb float64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			kb = float64(sample[0].Value.Uint64()) / 1024
		}
		L.Push(lua.LNumber(kb))
	case "step":
		// Report a finished cycle, so "repeat until collectgarbage('step')"
		// terminates; Go collects concurrently on its own.
		L.Push(lua.LTrue)
	case "isrunning":
		L.Push(lua.LTrue)
	case "incremental", "generational":
		L.Push(lua.LString("incremental")) // the "previous mode"
	case "stop", "restart":
		L.Push(lua.LNumber(0))
	case "setpause":
		L.Push(lua.LNumber(200)) // Lua's default pause, as "previous value"
	case "setstepmul":
		L.Push(lua.LNumber(100))
	default:
		raise(L, "collectgarbage", badArg(1, fmt.Errorf("invalid option '%s'", opt)))
	}
	return 1
}
