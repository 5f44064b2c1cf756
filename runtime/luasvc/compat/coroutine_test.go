package compat

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// Hosts run handlers on threads made with NewThread rather than
// coroutine.create. Lua code can get hold of such a thread through
// coroutine.running; resuming it must be refused, not crash the VM.
func TestWorkerThreadsAreNotResumable(t *testing.T) {
	t.Parallel()
	L := newState(t)
	worker, _ := L.NewThread()

	// While the worker is inside a Go call (a handler blocked in
	// skynet.call, say), another thread sees it as "normal".
	var during []string
	blocked := L.NewFunction(func(W *lua.LState) int {
		L.SetGlobal("worker", W)
		if err := L.DoString(`
			seen_status = coroutine.status(worker)
			local ok, msg = coroutine.resume(worker)
			seen_resume = tostring(ok) .. " " .. msg
		`); err != nil {
			t.Error(err)
		}
		during = append(during, L.GetGlobal("seen_status").String(), L.GetGlobal("seen_resume").String())
		return 0
	})
	worker.Push(L.NewFunction(func(W *lua.LState) int {
		// The handler itself sees a running, non-main thread.
		if err := W.DoString(`
			local co, ismain = coroutine.running()
			assert(type(co) == "thread" and ismain == false)
			assert(coroutine.status(co) == "running")
		`); err != nil {
			t.Error(err)
		}
		W.Push(blocked)
		W.Call(0, 0)
		return 0
	}))
	worker.Call(0, 0)
	if len(during) != 2 || during[0] != "normal" || during[1] != "false cannot resume non-suspended coroutine" {
		t.Errorf("while blocked in Go: status, resume = %q", during)
	}

	// Between calls the worker holds no frame: it reads as dead and
	// resuming it is refused.
	L.SetGlobal("worker", worker)
	if err := L.DoString(`
		assert(coroutine.status(worker) == "dead", coroutine.status(worker))
		local ok, msg = coroutine.resume(worker)
		assert(ok == false and msg == "cannot resume dead coroutine", msg)
		assert(coroutine.close(worker) == true)
	`); err != nil {
		t.Fatal(err)
	}
	if worker.Dead {
		t.Error("coroutine.close marked an idle worker thread dead")
	}
}

// Open may run twice on one state (a host that re-opens libraries, say);
// resume must still reach gopher-lua's own implementation, not a wrapper
// of the wrapper.
func TestOpenTwice(t *testing.T) {
	t.Parallel()
	L := newState(t)
	Open(L)
	fn := L.GetField(L.GetGlobal("coroutine"), "resume").(*lua.LFunction)
	orig := fn.Upvalues[0].Value().(*lua.LFunction)
	if len(orig.Upvalues) != 0 {
		t.Fatalf("resume wraps a wrapper after a second Open")
	}
	if err := L.DoString(`
		local co = coroutine.create(function(a) return a * 2 end)
		local ok, v = coroutine.resume(co, 21)
		assert(ok and v == 42)
	`); err != nil {
		t.Fatal(err)
	}
}
