package lsproto

import (
	"fmt"
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// host(schema [, package]) -> host: one end of an RPC conversation whose
// packet header is the type named package ("package" by default).
func lhost(L *lua.LState) int {
	s := checkSchema(L, 1)
	pkg := L.OptString(2, "package")
	h, err := sproto.NewHost(s, pkg)
	if err != nil {
		raise(L, err)
	}
	L.Push(newUserData(L, &hostRef{h: h, schema: s, pkg: s.Type(pkg)}, hostMeta))
	return 1
}

// dispatch(host, packet [, sz]) decodes one 0-packed packet and returns
//
//	"REQUEST", name, args, responder, ud
//	"RESPONSE", session, args, ud
//
// responder(args [, ud]) -> packet is nil when the request carries no
// session. As with lunpack, sz is ignored: a Lua string knows its length.
func ldispatch(L *lua.LState) int {
	hr := checkHost(L, 1)
	d, err := hr.h.Dispatch(view(L.CheckString(2)))
	if err != nil {
		raise(L, err)
	}
	b := builder{L: L}
	ud, err := b.value(hr.pkg.Field("ud"), d.UD)
	if err != nil {
		raise(L, err)
	}
	if d.Kind == sproto.Request {
		p := hr.schema.ProtocolByTag(d.Tag)
		args, err := b.args(p.Request, d.Args)
		if err != nil {
			raise(L, err)
		}
		L.Push(lua.LString("REQUEST"))
		L.Push(lua.LString(d.Name))
		L.Push(args)
		if d.Responder != nil {
			L.Push(hr.responder(L, p, d.Responder))
		} else {
			L.Push(lua.LNil)
		}
		L.Push(ud)
		return 5
	}
	session, err := integer(d.Session.ID)
	if err != nil {
		raise(L, err)
	}
	args, err := b.args(nil, d.Args)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LString("RESPONSE"))
	L.Push(session)
	L.Push(args)
	L.Push(ud)
	return 4
}

// args builds the body of a packet: nil when the protocol has no type for
// that direction.
func (b *builder) args(t *sproto.Type, m map[string]any) (lua.LValue, error) {
	if m == nil {
		return lua.LNil, nil
	}
	return b.record(t, m)
}

// responder wraps the Go responder of a request as responder(args, ud).
func (hr *hostRef) responder(L *lua.LState, p *sproto.Protocol, r sproto.Responder) *lua.LFunction {
	return L.NewFunction(func(L *lua.LState) int {
		args := argsToGo(L, 1, p.Response)
		out, err := r(args, hr.udToGo(L, 2))
		if err != nil {
			raise(L, err)
		}
		L.Push(fresh(out))
		return 1
	})
}

// attach(host, schema) -> request(name, args [, session [, ud]]) -> packet.
// schema describes the peer's protocols; name may also be a tag. A request
// with a session is remembered so the host can dispatch its response.
func lattach(L *lua.LState) int {
	hr := checkHost(L, 1)
	remote := checkSchema(L, 2)
	enc := hr.h.Attach(remote)
	L.Push(L.NewFunction(func(L *lua.LState) int {
		var p *sproto.Protocol
		var name string
		switch k := L.Get(1).(type) {
		case lua.LString:
			name = string(k)
			p = remote.Protocol(name)
		case lua.LNumber:
			if f := float64(k); f == math.Trunc(f) && math.Abs(f) <= math.MaxInt32 {
				p = remote.ProtocolByTag(int(f))
			}
			if p == nil {
				raise(L, fmt.Errorf("%w: %v not found", sproto.ErrUnknownProtocol, k))
			}
			name = p.Name
		default:
			L.ArgError(1, "protocol name or tag expected, got "+k.Type().String())
		}
		var args map[string]any
		if p != nil {
			args = argsToGo(L, 2, p.Request)
		}
		var session sproto.Session
		if v := L.Get(3); v != lua.LNil {
			n, ok := v.(lua.LNumber)
			id, exact := number(n).(int64)
			if !ok || !exact {
				L.ArgError(3, "session must be an integer")
			}
			session = sproto.WithSession(id)
		}
		out, err := enc(name, args, session, hr.udToGo(L, 4))
		if err != nil {
			raise(L, err)
		}
		L.Push(fresh(out))
		return 1
	}))
	return 1
}

// argsToGo converts the body argument at n for type t. Without a type any
// table becomes an empty message, which package sproto refuses for
// `response nil` and ignores otherwise, as sproto.lua does.
func argsToGo(L *lua.LState, n int, t *sproto.Type) map[string]any {
	switch v := L.Get(n).(type) {
	case *lua.LNilType:
		return nil
	case *lua.LTable:
		if t == nil {
			return map[string]any{}
		}
		m, err := structToGo(L, t, v, 0)
		if err != nil {
			raise(L, err)
		}
		return m
	default:
		L.ArgError(n, "table expected, got "+v.Type().String())
	}
	return nil
}

// udToGo converts the ud argument at n as the package type's ud field;
// a package without one does not write it.
func (hr *hostRef) udToGo(L *lua.LState, n int) any {
	v := L.Get(n)
	f := hr.pkg.Field("ud")
	if v == lua.LNil || f == nil {
		return nil
	}
	gv, err := fieldToGo(L, hr.pkg, f, v, 0)
	if err != nil {
		raise(L, err)
	}
	return gv
}
