package luasvc

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// trace([tag]): tags the current task so its calls are preceded by
// PTYPE_TRACE messages; tracetag() returns the tag. A new tag is made
// unless one is given (a clusteragent continues the caller's trace).
func (s *Service) ltrace(L *lua.LState) int {
	tag := L.OptString(1, "")
	if tag == "" {
		tag = s.newTraceTag()
	}
	if t := s.cur; t != nil {
		t.tag = tag
		s.ctx.SetTraceTag(tag)
	}
	L.Push(lua.LString(tag))
	return 1
}

// newTraceTag names a new trace: the service's address and a counter.
func (s *Service) newTraceTag() string {
	s.traceSeq++
	return s.ctx.Handle().String() + "-" + itoa(int64(s.traceSeq))
}

func (s *Service) ltracetag(L *lua.LState) int {
	if t := s.cur; t != nil && t.tag != "" {
		L.Push(lua.LString(t.tag))
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

// tasks() -> { [session] = "what\ntraceback" } for debug TASK.
func (s *Service) ltasks(L *lua.LState) int {
	tb := L.NewTable()
	for session, t := range s.tasks {
		desc := t.blocked.describe(t.peer)
		if t.th != nil && t.th != L {
			desc += "\n" + traceback(t.th)
		}
		tb.RawSetInt(int(session), lua.LString(desc))
	}
	L.Push(tb)
	return 1
}

func traceback(th *lua.LState) string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	for level := 0; ; level++ {
		dbg, ok := th.GetStack(level)
		if !ok {
			break
		}
		if _, err := th.GetInfo("Sl", dbg, lua.LNil); err != nil {
			break
		}
		b.WriteString("\n\t")
		b.WriteString(dbg.Source)
		b.WriteString(":")
		b.WriteString(itoa(int64(dbg.CurrentLine)))
	}
	return b.String()
}

// stat(what): "mqlen", "message", "task", "endless".
func (s *Service) lstat(L *lua.LState) int {
	snap := s.ctx.Node().Lookup(s.ctx.Handle())
	switch L.CheckString(1) {
	case "task":
		L.Push(lua.LNumber(s.blocked.Load()))
	case "mqlen", "message", "cpu", "endless":
		if snap == nil {
			L.Push(lua.LNumber(0))
			return 1
		}
		st := s.ctx.Stats()
		switch L.CheckString(1) {
		case "mqlen":
			L.Push(lua.LNumber(st.MQLen))
		case "message":
			L.Push(lua.LNumber(st.Messages))
		case "cpu":
			L.Push(lua.LNumber(float64(st.CPUNs) / 1e9))
		default:
			// reading the flag clears it, as skynet's endless query does
			L.Push(lua.LBool(s.ctx.TakeEndless()))
		}
	default:
		L.Push(lua.LNil)
	}
	return 1
}

func (s *Service) lsignal(L *lua.LState) int {
	if err := s.ctx.Node().Signal(s.addr(L, 1), L.OptInt(2, 0)); err != nil {
		L.RaiseError("%v", err)
	}
	return 0
}

// logon(addr) -> path of the service's message log (debug console logon).
func (s *Service) llogon(L *lua.LState) int {
	path, err := s.ctx.Node().LogOn(s.addr(L, 1))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LString(path))
	return 1
}

// logoff(addr) stops it.
func (s *Service) llogoff(L *lua.LState) int {
	if err := s.ctx.Node().LogOff(s.addr(L, 1)); err != nil {
		L.RaiseError("%v", err)
	}
	return 0
}

func (s *Service) lsetinfo(L *lua.LState) int {
	s.infoFn = L.OptFunction(1, nil)
	return 0
}

func (s *Service) lgetinfo(L *lua.LState) int {
	if s.infoFn == nil {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(s.infoFn)
	return 1
}

func (s *Service) lregdebug(L *lua.LState) int {
	if s.debugCmds == nil {
		s.debugCmds = map[string]*lua.LFunction{}
	}
	s.debugCmds[L.CheckString(1)] = L.CheckFunction(2)
	return 0
}

func (s *Service) lgetdebug(L *lua.LState) int {
	if f := s.debugCmds[L.CheckString(1)]; f != nil {
		L.Push(f)
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

// memkb(kb) records the service's own heap estimate for snapshots.
func (s *Service) lmemkb(L *lua.LState) int {
	s.memKB.Store(int64(L.CheckNumber(1)))
	return 0
}

// traceback(msg) is an xpcall handler that appends the Lua stack, so
// skynet.lua needs no debug library.
func ltraceback(L *lua.LState) int {
	msg := L.Get(1)
	text := msg.String()
	if s, ok := msg.(lua.LString); ok {
		text = string(s)
	}
	L.Push(lua.LString(text + "\n" + traceback(L)))
	return 1
}

// globals() -> the calling service's _G (shared Lua code has the template's).
func (s *Service) lglobals(L *lua.LState) int {
	L.Push(L.G.Global)
	return 1
}
