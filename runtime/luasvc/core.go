package luasvc

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// coreFuncs is the Go half of the skynet API ("skynet.core"); the public
// API is scripts/lualib/skynet.lua. The functions are shared by every
// service of a process and find their service through the Lua state's
// context (see serviceOf), so a new service allocates none of them.
func coreFuncs() map[string]lua.LGFunction {
	m := map[string]func(*Service, *lua.LState) int{
		"send":              (*Service).lsend,
		"call":              (*Service).lcall,
		"calllua":           (*Service).lcalllua,
		"sendlua":           (*Service).lsendlua,
		"retpack":           (*Service).lretpack,
		"redirect":          (*Service).lredirect,
		"ret":               (*Service).lret,
		"ignoreret":         (*Service).lignoreret,
		"response":          (*Service).lresponse,
		"respond":           (*Service).lrespond,
		"alive":             (*Service).lalive,
		"timeout":           (*Service).ltimeout,
		"sleep":             (*Service).lsleep,
		"wait":              (*Service).lwait,
		"wakeup":            (*Service).lwakeup,
		"fork":              (*Service).lfork,
		"genid":             (*Service).lgenid,
		"self":              (*Service).lself,
		"now":               (*Service).lnow,
		"starttime":         (*Service).lstarttime,
		"getenv":            (*Service).lgetenv,
		"setenv":            (*Service).lsetenv,
		"launch":            (*Service).llaunch,
		"kill":              (*Service).lkill,
		"exit":              (*Service).lexit,
		"abort":             (*Service).labort,
		"error":             (*Service).lerror,
		"name":              (*Service).lname,
		"queryname":         (*Service).lqueryname,
		"callback":          (*Service).lcallback,
		"pack":              (*Service).lpack,
		"unpack":            (*Service).lunpack,
		"trace":             (*Service).ltrace,
		"tracetag":          (*Service).ltracetag,
		"tasks":             (*Service).ltasks,
		"stat":              (*Service).lstat,
		"signal":            (*Service).lsignal,
		"clearcache":        (*Service).lclearcache,
		"harbor":            (*Service).lharbor,
		"setinfo":           (*Service).lsetinfo,
		"getinfo":           (*Service).lgetinfo,
		"memkb":             (*Service).lmemkb,
		"register_protocol": (*Service).lregisterProtocol,
		"protocol":          (*Service).lprotocol,
		"protocols":         (*Service).lprotocols,
		"dispatch":          (*Service).ldispatch,
		"addinit":           (*Service).laddinit,
		"takeinits":         (*Service).ltakeinits,
		"regdebug":          (*Service).lregdebug,
		"getdebug":          (*Service).lgetdebug,
		"globals":           (*Service).lglobals,
	}
	out := make(map[string]lua.LGFunction, len(m)+2)
	for name, f := range m {
		out[name] = bind(f)
	}
	out["hpc"] = lhpc
	out["traceback"] = ltraceback
	return out
}

func bind(f func(*Service, *lua.LState) int) lua.LGFunction {
	return func(L *lua.LState) int { return f(serviceOf(L), L) }
}

// svcKey marks the service in the context every Lua state of a service
// runs with.
type svcKey struct{}

func serviceOf(L *lua.LState) *Service {
	if ctx := L.Context(); ctx != nil {
		if s, ok := ctx.Value(svcKey{}).(*Service); ok {
			return s
		}
	}
	L.RaiseError("skynet.core: not running inside a service")
	return nil
}

// addr reads a service address: a handle number, ":0100000a", or a name.
// An unknown name gives 0, which every send treats as a dead letter.
func (s *Service) addr(L *lua.LState, i int) runtime.Handle {
	switch v := L.Get(i).(type) {
	case lua.LNumber:
		return runtime.Handle(uint32(int64(v)))
	case lua.LString:
		str := string(v)
		if strings.HasPrefix(str, ":") {
			h, err := runtime.ParseHandle(str, s.ctx.Node().Harbor())
			if err != nil {
				L.ArgError(i, err.Error())
			}
			return h
		}
		h, _ := s.ctx.Node().Query(str)
		return h
	}
	L.ArgError(i, "address expected, got "+L.Get(i).Type().String())
	return 0
}

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

func (s *Service) lgetenv(L *lua.LState) int {
	v, ok := s.ctx.Node().Getenv(L.CheckString(1))
	if !ok {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LString(v))
	return 1
}

func (s *Service) lsetenv(L *lua.LState) int {
	if err := s.ctx.Node().Setenv(L.CheckString(1), L.CheckString(2)); err != nil {
		L.RaiseError("%v", err)
	}
	return 0
}

// launch(module, args) -> handle | nil
func (s *Service) llaunch(L *lua.LState) int {
	h, err := s.ctx.Node().Launch(L.CheckString(1), L.OptString(2, ""))
	if err != nil {
		s.ctx.Log(err.Error())
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(h))
	return 1
}

func (s *Service) lkill(L *lua.LState) int {
	h := s.addr(L, 1)
	s.ctx.Log("KILL " + ":" + strings.TrimLeft(strings.TrimPrefix(h.String(), ":"), "0"))
	if err := s.ctx.Node().Kill(h); err != nil {
		L.Push(lua.LFalse)
		return 1
	}
	L.Push(lua.LTrue)
	return 1
}

func (s *Service) lexit(L *lua.LState) int {
	s.ctx.Log("KILL self")
	s.ctx.Exit()
	return 0
}

func (s *Service) labort(L *lua.LState) int {
	s.ctx.Node().Abort(L.OptInt(1, 0))
	return 0
}

func (s *Service) lerror(L *lua.LState) int {
	s.ctx.Log(L.CheckString(1))
	return 0
}

// name(name, addr) -> true, or false when the name is taken or invalid
// (skynet ignores such a request too; the log says why).
func (s *Service) lname(L *lua.LState) int {
	name := L.CheckString(1)
	h := s.addr(L, 2)
	if err := s.ctx.Node().Register(name, h); err != nil {
		s.ctx.Log("name " + name + ": " + err.Error())
		L.Push(lua.LFalse)
		return 1
	}
	L.Push(lua.LTrue)
	return 1
}

func (s *Service) lqueryname(L *lua.LState) int {
	h, ok := s.ctx.Node().Query(L.CheckString(1))
	if !ok {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(h))
	return 1
}

// callback(f) replaces the default dispatcher with f(type, msg, session,
// source), as skynet.filter needs; callback(nil) restores it.
func (s *Service) lcallback(L *lua.LState) int {
	s.filterFn = L.OptFunction(1, nil)
	return 0
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

// trace(tag): tags the current task so its calls are preceded by
// PTYPE_TRACE messages; tracetag() returns the tag.
func (s *Service) ltrace(L *lua.LState) int {
	s.traceSeq++
	tag := s.ctx.Handle().String() + "-" + itoa(int64(s.traceSeq))
	if t := s.cur; t != nil {
		t.tag = tag
		s.ctx.SetTraceTag(tag)
	}
	L.Push(lua.LString(tag))
	return 1
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

func (s *Service) lclearcache(L *lua.LState) int {
	s.host.ClearCache()
	return 0
}

func (s *Service) lharbor(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.Node().Harbor()))
	return 1
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

// addinit(f) queues f to run before the start function (skynet.init).
// It returns false once the start function has begun: skynet.init then
// runs the function at once, as skynet does.
func (s *Service) laddinit(L *lua.LState) int {
	if s.started {
		L.Push(lua.LFalse)
		return 1
	}
	s.inits = append(s.inits, L.CheckFunction(1))
	L.Push(lua.LTrue)
	return 1
}

// takeinits() returns the queued init functions and forgets them.
func (s *Service) ltakeinits(L *lua.LState) int {
	t := L.CreateTable(len(s.inits), 0)
	for _, f := range s.inits {
		t.Append(f)
	}
	s.inits = nil
	s.started = true
	L.Push(t)
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
