package luasvc

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
)

// timeout(ti, f) -> session
func (s *Service) ltimeout(L *lua.LState) int {
	ti := L.CheckInt(1)
	fn := L.CheckFunction(2)
	session := s.ctx.NewSession()
	s.callbacks[session] = fn
	s.ctx.Timeout(ti, session)
	L.Push(lua.LNumber(session))
	return 1
}

// sleep(ti, token) -> nil, or "BREAK" when woken early.
func (s *Service) lsleep(L *lua.LState) int {
	ti := L.CheckInt(1)
	token := L.Get(2)
	session := s.ctx.NewSession()
	s.ctx.Timeout(ti, session)
	if token != lua.LNil {
		s.waiting[token] = session
	}
	m := s.block(L, session, blockSleep, 0)
	if token != lua.LNil {
		delete(s.waiting, token)
	}
	if m.Source == s.ctx.Handle() && len(m.Data) > 0 {
		L.Push(lua.LString("BREAK"))
		return 1
	}
	return 0
}

// wait(token): parks until wakeup(token).
func (s *Service) lwait(L *lua.LState) int {
	token := L.Get(1)
	if token == lua.LNil {
		L.ArgError(1, "wait token expected")
	}
	// skynet.wait uses up a session number; the wakeup itself is internal
	// (a negative session), so it never shows as a message in the trace.
	s.ctx.NewSession()
	session := s.internalSession()
	s.waiting[token] = session
	s.block(L, session, blockWait, 0)
	delete(s.waiting, token)
	return 0
}

// wakeup(token) -> bool: resumes a wait or breaks a sleep after this step.
func (s *Service) lwakeup(L *lua.LState) int {
	token := L.Get(1)
	session, ok := s.waiting[token]
	if !ok {
		L.Push(lua.LFalse)
		return 1
	}
	delete(s.waiting, token)
	s.local = append(s.local, runtime.Message{Type: runtime.PTypeResponse, Session: session, Source: s.ctx.Handle(), Data: breakBody})
	L.Push(lua.LTrue)
	return 1
}

var breakBody = []byte("BREAK")

// fork(f): runs f right after the current step, on its own thread.
func (s *Service) lfork(L *lua.LState) int {
	fn := L.CheckFunction(1)
	session := s.internalSession()
	s.callbacks[session] = fn
	s.local = append(s.local, runtime.Message{Type: runtime.PTypeResponse, Session: session, Source: s.ctx.Handle()})
	return 0
}

// internalSession allocates a negative session for forks and wakeups:
// skynet uses no session for them, so the real counter stays in step.
func (s *Service) internalSession() int32 {
	s.forkSeq--
	if s.forkSeq >= 0 {
		s.forkSeq = -1
	}
	return s.forkSeq
}

func (s *Service) lgenid(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.NewSession()))
	return 1
}

func (s *Service) lself(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.Handle()))
	return 1
}

func (s *Service) lnow(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.Node().Now()))
	return 1
}

func (s *Service) lstarttime(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.Node().StartTime()))
	return 1
}

// hpc is a monotonic nanosecond counter (from the process start, so a
// float64 holds it exactly for 104 days).
func lhpc(L *lua.LState) int {
	L.Push(lua.LNumber(hpcNow()))
	return 1
}
