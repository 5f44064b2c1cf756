package luasvc

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
)

// maxIdleThreads bounds the LState threads a service keeps for reuse; a
// thread costs about 14 KB and creating one about 6 µs.
const maxIdleThreads = 8

// task is one handler in flight: the message it answers and the thread it
// runs on. skynet.ret and skynet.response read the current task.
type task struct {
	th      *lua.LState
	session int32
	source  runtime.Handle
	ptype   runtime.PType
	replied bool
	ignore  bool
	tag     string         // skynet.trace tag of this task, "" when not traced
	blocked blockKind      // what the task waits for, for debug TASK
	peer    runtime.Handle // whom it called
}

// blockKind says why a task is parked; described only when someone asks.
type blockKind uint8

const (
	blockNone blockKind = iota
	blockCall
	blockSleep
	blockWait
)

func (b blockKind) describe(peer runtime.Handle) string {
	switch b {
	case blockCall:
		return "call " + peer.String()
	case blockSleep:
		return "sleep"
	case blockWait:
		return "wait"
	}
	return "running"
}

func (s *Service) getThread() *lua.LState {
	if k := len(s.free); k > 0 {
		th := s.free[k-1]
		s.free = s.free[:k-1]
		return th
	}
	th, _ := s.L.NewThread()
	return th
}

func (s *Service) putThread(th *lua.LState) {
	if len(s.free) < maxIdleThreads {
		th.SetTop(0)
		s.free = append(s.free, th)
	}
}

// newTask takes a task from the service's free list; settle returns it.
func (s *Service) newTask(session int32, source runtime.Handle, pt runtime.PType) *task {
	var t *task
	if k := len(s.taskFree); k > 0 {
		t = s.taskFree[k-1]
		s.taskFree = s.taskFree[:k-1]
	} else {
		t = new(task)
	}
	*t = task{session: session, source: source, ptype: pt}
	return t
}

// runTask calls fn on a pooled thread as the handler of t, then settles the
// request: an error is logged and answered with PTYPE_ERROR, a request left
// unanswered is reported as skynet does ("Maybe forgot response").
func (s *Service) runTask(t *task, fn *lua.LFunction, args ...lua.LValue) error {
	th := s.getThread()
	th.SetContext(s.luaCtx())
	t.th = th
	s.cur = t
	s.ctx.SetTraceTag(t.tag)
	err := th.CallByParam(lua.P{Fn: fn, NRet: 0, Protect: true}, args...)
	return s.settle(t, th, err)
}

// runTaskUnpacked is runTask for fn(session, source, skynet.unpack(data)),
// decoding straight onto the thread's stack.
func (s *Service) runTaskUnpacked(t *task, fn *lua.LFunction, session, source lua.LValue, data []byte) error {
	th := s.getThread()
	th.SetContext(s.luaCtx())
	t.th = th
	s.cur = t
	s.ctx.SetTraceTag(t.tag)
	th.Push(fn)
	th.Push(session)
	th.Push(source)
	n, err := lseri.Unpack(th, data)
	if err == nil {
		err = th.PCall(2+n, 0, nil)
	} else {
		th.SetTop(0)
	}
	return s.settle(t, th, err)
}

// runTaskLuaUnpack is runTask for dispatch(session, source, unpack(msg,
// sz)) with a Lua unpack function (the gate's netpack.filter wrapper): the
// unpacked values stay on the thread's stack, no Lua trampoline.
func (s *Service) runTaskLuaUnpack(t *task, e *protoEntry, session, source lua.LValue, data []byte) error {
	th := s.getThread()
	th.SetContext(s.luaCtx())
	t.th = th
	s.cur = t
	s.ctx.SetTraceTag(t.tag)
	th.Push(e.dispatch)
	th.Push(session)
	th.Push(source)
	base := th.GetTop()
	th.Push(e.unpack)
	th.Push(bytesToLString(data))
	th.Push(lua.LNumber(len(data)))
	err := th.PCall(2, lua.MultRet, nil)
	if err == nil {
		err = th.PCall(2+th.GetTop()-base, 0, nil)
	} else {
		th.SetTop(0)
	}
	return s.settle(t, th, err)
}

// settle finishes a task: see runTask.
func (s *Service) settle(t *task, th *lua.LState, err error) error {
	s.cur = nil
	dead := s.ctx.Dead()
	if !dead {
		s.flushLocal()
	}
	if err != nil && !dead {
		s.ctx.Log(s.describeError(t, err))
	}
	if t.session != 0 && isRequest(t.ptype) && !t.replied {
		// A killed service answers the requests it was handling.
		if err != nil || dead {
			_ = s.ctx.Send(t.source, runtime.PTypeError, t.session, nil)
		} else if !t.ignore {
			s.ctx.Log("Maybe forgot response session " + itoa(int64(t.session)) + " from " + t.source.String())
		}
	}
	if err == nil {
		s.putThread(th)
	}
	if t.tag != "" {
		s.ctx.Log("<TRACE " + t.tag + "> " + itoa(hpcNow()) + " end")
	}
	if len(s.taskFree) < maxIdleThreads {
		*t = task{}
		s.taskFree = append(s.taskFree, t)
	}
	if dead {
		return nil // unwinding after kill or exit is not the message's failure
	}
	return err
}

// isRequest says whether a message type carries a session the sender waits
// on. CLIENT messages carry a socket id in the session field instead.
func isRequest(p runtime.PType) bool {
	return !p.IsReply() && p != runtime.PTypeClient && p != runtime.PTypeSocket
}

func (s *Service) describeError(t *task, err error) string {
	msg := err.Error()
	if ae, ok := err.(*lua.ApiError); ok {
		msg = ae.Object.String()
		if ae.StackTrace != "" {
			msg += "\n" + ae.StackTrace
		}
	}
	return "lua call [" + t.source.String() + " to " + s.ctx.Handle().String() + " : " + itoa(int64(t.session)) + " " + t.ptype.String() + "] error : " + msg
}
