package luasvc

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

func ptypeArg(L *lua.LState, i int) runtime.PType {
	n := L.CheckInt(i)
	if n < 0 || n > 255 {
		L.ArgError(i, "protocol id must be 0..255")
	}
	return runtime.PType(n)
}

// body reads an optional message body: a string, or nil for empty.
func body(L *lua.LState, i int) []byte {
	switch v := L.Get(i).(type) {
	case lua.LString:
		return stringBytes(string(v))
	case *lua.LNilType:
		return nil
	}
	L.ArgError(i, "message must be a string or nil, got "+L.Get(i).Type().String())
	return nil
}

// send(addr, ptype, session|nil, msg) -> session
func (s *Service) lsend(L *lua.LState) int {
	dst := s.addr(L, 1)
	pt := ptypeArg(L, 2)
	var session int32
	if L.Get(3) == lua.LNil {
		session = s.ctx.NewSession()
	} else {
		session = int32(L.CheckInt(3))
	}
	if err := s.ctx.Send(dst, pt, session, body(L, 4)); err != nil {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(session))
	return 1
}

// redirect(dst, src, ptype, session, msg): src 0 means self.
func (s *Service) lredirect(L *lua.LState) int {
	dst := s.addr(L, 1)
	src := s.addr(L, 2)
	if src == 0 {
		src = s.ctx.Handle()
	}
	pt := ptypeArg(L, 3)
	session := int32(L.CheckInt(4))
	_ = s.ctx.Node().Send(src, dst, pt, session, body(L, 5))
	return 0
}

// block parks the running task on session and restores it afterwards.
func (s *Service) block(L *lua.LState, session int32, what blockKind, peer runtime.Handle) runtime.Message {
	t := s.cur
	if t != nil {
		t.blocked, t.peer = what, peer
		s.tasks[session] = t
	}
	s.blocked.Add(1)
	s.flushLocal()
	m, err := s.ctx.Block(session)
	s.blocked.Add(-1)
	delete(s.tasks, session)
	s.cur = t
	if t != nil {
		s.ctx.SetTraceTag(t.tag)
		t.blocked = blockNone
		if t.th != nil && t.th != L {
			// A blocking call from inside a user coroutine: the coroutine's
			// state needs the current cancellation context too.
			L.SetContext(s.luaCtx())
		}
	}
	if err != nil {
		L.RaiseError("%s: %v", what.describe(peer), err)
	}
	return m
}

// call(addr, ptype, msg) -> reply string; raises "call failed" on PTYPE_ERROR.
func (s *Service) lcall(L *lua.LState) int {
	m := s.callRaw(L, s.addr(L, 1), ptypeArg(L, 2), body(L, 3))
	L.Push(bytesToLString(m.Data))
	return 1
}

// calllua(addr, ...) is skynet.call(addr, "lua", ...) without the Lua-side
// pack and unpack round trips: the hottest path of every benchmark.
func (s *Service) lcalllua(L *lua.LState) int {
	dst := s.addr(L, 1)
	m := s.callRaw(L, dst, runtime.PTypeLua, s.packArgs(L, 2))
	top := L.GetTop()
	n, err := lseri.Unpack(L, m.Data)
	if err != nil {
		L.SetTop(top)
		L.RaiseError("%v", err)
	}
	return n
}

// sendlua(addr, ...) is skynet.send(addr, "lua", ...).
func (s *Service) lsendlua(L *lua.LState) int {
	dst := s.addr(L, 1)
	_ = s.ctx.Send(dst, runtime.PTypeLua, 0, s.packArgs(L, 2))
	return 0
}

// retpack(...) is skynet.ret(skynet.pack(...)).
func (s *Service) lretpack(L *lua.LState) int {
	return s.reply(L, s.packArgs(L, 1))
}

// packArgs packs L[first..top] into a fresh body.
func (s *Service) packArgs(L *lua.LState, first int) []byte {
	if s.enc == nil {
		s.enc = seri.NewEncoder(64)
	}
	s.enc.Reset()
	if err := lseri.Pack(s.enc, L, first, L.GetTop()); err != nil {
		L.RaiseError("%v", err)
	}
	return append([]byte(nil), s.enc.Bytes()...)
}

func (s *Service) callRaw(L *lua.LState, dst runtime.Handle, pt runtime.PType, data []byte) runtime.Message {
	session := s.ctx.NewSession()
	t := s.cur
	if t != nil && t.tag != "" {
		s.ctx.Log("<TRACE " + t.tag + "> " + itoa(hpcNow()) + " call " + dst.String())
		_ = s.ctx.Send(dst, runtime.PTypeTrace, 0, []byte(t.tag))
	}
	s.calls[session] = dst
	_ = s.ctx.Send(dst, pt, session, data)
	m := s.block(L, session, blockCall, dst)
	delete(s.calls, session)
	if t != nil && t.tag != "" {
		s.ctx.Log("<TRACE " + t.tag + "> " + itoa(hpcNow()) + " resume")
	}
	if m.Type == runtime.PTypeError {
		L.RaiseError("call failed")
	}
	return m
}

// ret(msg [, sz]) -> bool: answers the current request; false for a send.
func (s *Service) lret(L *lua.LState) int {
	data := body(L, 1)
	if L.GetTop() >= 2 {
		if n := L.CheckInt(2); n >= 0 && n < len(data) {
			data = data[:n]
		}
	}
	return s.reply(L, data)
}

func (s *Service) reply(L *lua.LState, data []byte) int {
	t := s.cur
	if t == nil {
		L.RaiseError("skynet.ret: no message is being handled")
	}
	if t.session == 0 {
		L.Push(lua.LFalse)
		return 1
	}
	if t.replied {
		L.RaiseError("skynet.ret: session %d from %s already answered", t.session, t.source)
	}
	t.replied = true
	if t.tag != "" {
		s.ctx.Log("<TRACE " + t.tag + "> " + itoa(hpcNow()) + " response")
	}
	err := s.ctx.Send(t.source, runtime.PTypeResponse, t.session, data)
	L.Push(lua.LBool(err == nil))
	return 1
}

func (s *Service) lignoreret(L *lua.LState) int {
	if t := s.cur; t != nil {
		t.ignore = true
	}
	return 0
}

// response() -> token (0 for a send): the reply is sent later by respond.
func (s *Service) lresponse(L *lua.LState) int {
	t := s.cur
	if t == nil {
		L.RaiseError("skynet.response: no message is being handled")
	}
	if t.replied {
		L.RaiseError("skynet.response: session %d already answered", t.session)
	}
	if t.session == 0 {
		L.Push(lua.LNumber(0))
		return 1
	}
	t.replied = true
	s.respSeq++
	s.responses[s.respSeq] = respToken{source: t.source, session: t.session}
	L.Push(lua.LNumber(s.respSeq))
	return 1
}

// respond(token, ok, msg) -> bool: false when the caller has gone.
func (s *Service) lrespond(L *lua.LState) int {
	id := int32(L.CheckInt(1))
	rt, ok := s.responses[id]
	if !ok {
		L.Push(lua.LFalse)
		return 1
	}
	delete(s.responses, id)
	pt, data := runtime.PTypeResponse, body(L, 3)
	if !L.ToBool(2) {
		pt, data = runtime.PTypeError, nil
	}
	err := s.ctx.Send(rt.source, pt, rt.session, data)
	L.Push(lua.LBool(err == nil))
	return 1
}

func (s *Service) lalive(L *lua.LState) int {
	_, ok := s.responses[int32(L.CheckInt(1))]
	L.Push(lua.LBool(ok))
	return 1
}

func (s *Service) lpack(L *lua.LState) int {
	if s.enc == nil {
		s.enc = seri.NewEncoder(64)
	}
	s.enc.Reset()
	if err := lseri.Pack(s.enc, L, 1, L.GetTop()); err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LString(s.enc.Bytes()))
	return 1
}

func (s *Service) lunpack(L *lua.LState) int {
	var data []byte
	switch v := L.Get(1).(type) {
	case lua.LString:
		data = stringBytes(string(v))
	case *lua.LNilType:
		return 0
	default:
		L.ArgError(1, "string expected, got "+v.Type().String())
	}
	if L.GetTop() >= 2 {
		if n := L.CheckInt(2); n >= 0 && n < len(data) {
			data = data[:n]
		}
	}
	top := L.GetTop()
	n, err := lseri.Unpack(L, data)
	if err != nil {
		L.SetTop(top)
		L.RaiseError("%v", err)
	}
	return n
}
