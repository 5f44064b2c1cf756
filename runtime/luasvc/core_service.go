package luasvc

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

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

func (s *Service) lclearcache(L *lua.LState) int {
	s.host.ClearCache()
	return 0
}

func (s *Service) lharbor(L *lua.LState) int {
	L.Push(lua.LNumber(s.ctx.Node().Harbor()))
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

// loadsnax(name) -> the compiled chunk of snax service name and its path.
// It is looked up in the `snax` environment key's templates (skynet's
// config key), else in the service path, then in the embedded examples.
func (s *Service) lloadsnax(L *lua.LState) int {
	name := L.CheckString(1)
	templates := s.host.opts.ServicePaths
	if v, ok := s.ctx.Node().Getenv("snax"); ok && v != "" {
		templates = strings.Split(v, ";")
	}
	path, err := s.host.find("snax", name, templates, []string{"snax/?.lua", "examples/?.lua", "service/?.lua"})
	if err != nil {
		L.RaiseError("snax %s: %v", name, err)
	}
	p, err := s.host.proto(path)
	if err != nil {
		L.RaiseError("snax %s: %v", name, err)
	}
	L.Push(L.NewFunctionFromProto(p))
	L.Push(lua.LString(path))
	return 2
}

// monitor(addr): addr hears of every service exit (skynet.monitor).
func (s *Service) lmonitor(L *lua.LState) int {
	s.ctx.Node().SetExitMonitor(s.addr(L, 1))
	return 0
}
