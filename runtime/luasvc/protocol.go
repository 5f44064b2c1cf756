package luasvc

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
)

// protoEntry is one protocol a service speaks. The class table (name, id,
// pack, unpack) may be shared between services; the dispatch function is
// the service's own, so skynet.dispatch never writes to a shared table.
type protoEntry struct {
	id         runtime.PType
	name       string
	class      *lua.LTable
	dispatch   *lua.LFunction
	unpack     lua.LValue
	unpackCore bool // unpack is skynet.unpack: decode in Go, no Lua hop
	traced     bool // traceproto: every incoming message starts a trace
}

func (s *Service) protoByID(id runtime.PType) *protoEntry {
	for i := range s.protos {
		if s.protos[i].id == id {
			return &s.protos[i]
		}
	}
	return nil
}

func (s *Service) protoByName(name string) *protoEntry {
	for i := range s.protos {
		if s.protos[i].name == name {
			return &s.protos[i]
		}
	}
	return nil
}

// protoArg finds a protocol by name or id.
func (s *Service) protoArg(L *lua.LState, i int) *protoEntry {
	switch v := L.Get(i).(type) {
	case lua.LString:
		return s.protoByName(string(v))
	case lua.LNumber:
		return s.protoByID(runtime.PType(int(v)))
	}
	return nil
}

func (s *Service) registerProtocol(class *lua.LTable) error {
	name, ok := class.RawGetString("name").(lua.LString)
	if !ok {
		return fmt.Errorf("register_protocol: name must be a string")
	}
	idv, ok := class.RawGetString("id").(lua.LNumber)
	if !ok || idv < 0 || idv > 255 || float64(idv) != float64(int(idv)) {
		return fmt.Errorf("register_protocol %s: id must be an integer 0..255", name)
	}
	id := runtime.PType(int(idv))
	if s.protoByName(string(name)) != nil || s.protoByID(id) != nil {
		return fmt.Errorf("register_protocol: protocol %s (%d) already registered", name, id)
	}
	e := protoEntry{id: id, name: string(name), class: class, unpack: class.RawGetString("unpack")}
	if f, ok := class.RawGetString("dispatch").(*lua.LFunction); ok {
		e.dispatch = f
	}
	e.unpackCore = e.unpack == lua.LValue(s.sh.coreUnpack)
	s.protos = append(s.protos, e)
	return nil
}

func (s *Service) lregisterProtocol(L *lua.LState) int {
	if err := s.registerProtocol(L.CheckTable(1)); err != nil {
		L.RaiseError("%v", err)
	}
	return 0
}

// protocol(name|id) -> class table or nil
func (s *Service) lprotocol(L *lua.LState) int {
	if e := s.protoArg(L, 1); e != nil {
		L.Push(e.class)
		return 1
	}
	L.Push(lua.LNil)
	return 1
}

// traceproto(name|id, flag) turns tracing of every incoming message of
// the protocol on or off.
func (s *Service) ltraceproto(L *lua.LState) int {
	e := s.protoArg(L, 1)
	if e == nil {
		L.RaiseError("Unknown protocol %s", L.Get(1).String())
	}
	e.traced = lua.LVAsBool(L.Get(2))
	return 0
}

// protocols() -> { [name] = class, [id] = class } for inject's _P.
func (s *Service) lprotocols(L *lua.LState) int {
	t := L.CreateTable(0, len(s.protos)*2)
	for _, e := range s.protos {
		t.RawSetString(e.name, e.class)
		t.RawSetInt(int(e.id), e.class)
	}
	L.Push(t)
	return 1
}

// dispatch(name|id [, f]) -> previous dispatch function; without f it
// only returns the current one.
func (s *Service) ldispatch(L *lua.LState) int {
	e := s.protoArg(L, 1)
	if e == nil {
		L.RaiseError("Unknown protocol %s", L.Get(1).String())
	}
	old := e.dispatch
	if L.GetTop() >= 2 && L.Get(2) != lua.LNil {
		e.dispatch = L.CheckFunction(2)
	}
	if old == nil {
		L.Push(lua.LNil)
	} else {
		L.Push(old)
	}
	return 1
}
