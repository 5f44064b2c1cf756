package compat

import (
	lua "github.com/yuin/gopher-lua"
)

// Lua 5.4-shaped coroutine functions.
//
// gopher-lua's coroutine.running returns nil in the main thread, and its
// resume only refuses running and dead threads. Once running() hands out
// the main thread (as 5.4 does), resume must also refuse it and every
// thread that is waiting on a resume further up, or gopher-lua would
// re-enter a live stack. So status and resume are replaced too, with one
// definition of "suspended" shared by status, resume and close.

const (
	stRunning   = "running"
	stSuspended = "suspended"
	stNormal    = "normal"
	stDead      = "dead"
)

// registryResume is where Open keeps gopher-lua's own resume, so that a
// second Open on the same state wraps the original, not the wrapper.
const registryResume = "skyconsole/compat.resume"

// threadStatus is coroutine.status as seen from the running thread L.
func threadStatus(L, co *lua.LState) string {
	switch {
	case co == L:
		return stRunning
	case co.Dead:
		return stDead
	case co == L.G.MainThread:
		return stNormal // never resumable, whatever it is doing
	}
	// The resume chain: each thread's Parent is the one that resumed it,
	// and gopher-lua clears Parent on yield, so the chain is exactly the
	// threads waiting in resume.
	for p := L.Parent; p != nil; p = p.Parent {
		if p == co {
			return stNormal
		}
	}
	// GetStack(-1) succeeds when the thread holds any frame at all; a
	// thread without one has finished, or was never a coroutine (a Go-side
	// worker thread between calls). Lua reports both as dead.
	if _, ok := co.GetStack(-1); !ok {
		return stDead
	}
	// A started coroutine that yielded sits in the Lua function that called
	// yield. A Go function on top means a worker thread blocked in Go, which
	// must not be resumed either.
	if dbg, ok := co.GetStack(0); ok {
		if f, err := co.GetInfo("f", dbg, lua.LNil); err == nil {
			if lf, ok := f.(*lua.LFunction); ok && lf.IsG {
				return stNormal
			}
		}
	}
	return stSuspended
}

func checkThread(L *lua.LState, pos int, fname string) *lua.LState {
	if co, ok := L.Get(pos).(*lua.LState); ok {
		return co
	}
	raise(L, fname, typeError(L, pos, "coroutine"))
	return nil
}

// coRunning returns the running thread and whether it is the main one.
func coRunning(L *lua.LState) int {
	L.Push(L)
	L.Push(lua.LBool(L == L.G.MainThread))
	return 2
}

// coIsYieldable: gopher-lua can yield only from a thread that a resume is
// waiting on, which is exactly a thread with a Parent.
func coIsYieldable(L *lua.LState) int {
	co := L
	if L.GetTop() >= 1 {
		co = checkThread(L, 1, "isyieldable")
	}
	if co == L {
		L.Push(lua.LBool(L.Parent != nil))
		return 1
	}
	L.Push(lua.LBool(co != L.G.MainThread && !co.Dead))
	return 1
}

func coStatus(L *lua.LState) int {
	co := checkThread(L, 1, "status")
	L.Push(lua.LString(threadStatus(L, co)))
	return 1
}

// coClose marks a suspended coroutine dead. There are no to-be-closed
// variables in Lua 5.1 syntax, so there is nothing else to run.
func coClose(L *lua.LState) int {
	co := checkThread(L, 1, "close")
	switch st := threadStatus(L, co); st {
	case stSuspended:
		co.Dead = true
	case stDead:
	default:
		L.RaiseError("cannot close a %s coroutine", st)
	}
	L.Push(lua.LTrue)
	return 1
}

// coResume checks the target with threadStatus and then runs gopher-lua's
// own resume, kept as upvalue 1.
func coResume(L *lua.LState) int {
	co := checkThread(L, 1, "resume")
	switch threadStatus(L, co) {
	case stSuspended:
	case stDead:
		L.Push(lua.LFalse)
		L.Push(lua.LString("cannot resume dead coroutine"))
		return 2
	default:
		L.Push(lua.LFalse)
		L.Push(lua.LString("cannot resume non-suspended coroutine"))
		return 2
	}
	orig := L.Get(lua.UpvalueIndex(1)).(*lua.LFunction)
	// The original reads its arguments from this very frame.
	return orig.GFunction(L)
}

// openCoroutine installs the functions into the coroutine table co.
func openCoroutine(L *lua.LState, co *lua.LTable) {
	register(L, co,
		fn{"running", coRunning},
		fn{"isyieldable", coIsYieldable},
		fn{"status", coStatus},
		fn{"close", coClose},
	)
	orig, ok := L.G.Registry.RawGetString(registryResume).(*lua.LFunction)
	if !ok {
		orig, ok = co.RawGetString("resume").(*lua.LFunction)
		if !ok || !orig.IsG {
			return // not gopher-lua's resume; leave it alone
		}
		L.G.Registry.RawSetString(registryResume, orig)
	}
	co.RawSetString("resume", L.NewClosure(coResume, orig))
}
