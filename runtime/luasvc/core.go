package luasvc

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
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
		"loadsnax":          (*Service).lloadsnax,
		"monitor":           (*Service).lmonitor,
		"newcell":           (*Service).lnewcell,
		"cell":              (*Service).lcell,
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
		"traceproto":        (*Service).ltraceproto,
		"tasks":             (*Service).ltasks,
		"stat":              (*Service).lstat,
		"signal":            (*Service).lsignal,
		"logon":             (*Service).llogon,
		"logoff":            (*Service).llogoff,
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
