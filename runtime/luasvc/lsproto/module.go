package lsproto

import (
	"fmt"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// Metatable names, one per userdata type, kept in each Lua state's registry.
const (
	schemaMeta = "sproto.schema"
	typeMeta   = "sproto.type"
	hostMeta   = "sproto.host"
)

// module is one Store's "sproto.core". Its function table is built once and
// shared by every state that requires the module: the functions keep no
// state of their own beyond the Store.
type module struct {
	store *Store
	funcs map[string]lua.LGFunction
}

// Open returns the opener of the Go module "sproto.core" backed by store,
// in the shape luasvc.ModuleOpener expects:
//
//	host.RegisterModule("sproto.core", lsproto.Open(store))
//
// A nil store gets a private one, so saveproto/loadproto then only reach
// the states opened through this call's result. The context is unused:
// nothing in sproto.core talks to the node.
func Open(store *Store) func(c *runtime.Context, L *lua.LState) int {
	if store == nil {
		store = &Store{}
	}
	m := &module{store: store}
	m.funcs = map[string]lua.LGFunction{
		"newproto":    m.lnewproto,
		"deleteproto": ldeleteproto,
		"parse":       lparse,
		"saveproto":   m.lsaveproto,
		"loadproto":   m.lloadproto,
		"querytype":   lquerytype,
		"protocol":    lprotocol,
		"encode":      lencode,
		"decode":      ldecode,
		"pack":        lpack,
		"unpack":      lunpack,
		"default":     ldefault,
		"host":        lhost,
		"dispatch":    ldispatch,
		"attach":      lattach,
	}
	return func(_ *runtime.Context, L *lua.LState) int {
		for _, name := range []string{schemaMeta, typeMeta, hostMeta} {
			mt := L.NewTypeMetatable(name)
			mt.RawSetString("__tostring", L.NewFunction(ltostring))
			mt.RawSetString("__metatable", lua.LString(name))
		}
		L.Push(L.SetFuncs(L.CreateTable(0, len(m.funcs)), m.funcs))
		return 1
	}
}

// hostRef is the value of a host userdata: the Go host plus what the
// binding needs to convert arguments (the schema and its package type).
type hostRef struct {
	h      *sproto.Host
	schema *sproto.Schema
	pkg    *sproto.Type
}

func newUserData(L *lua.LState, v any, meta string) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = v
	ud.Metatable = L.GetTypeMetatable(meta)
	return ud
}

func checkSchema(L *lua.LState, n int) *sproto.Schema {
	if ud, ok := L.Get(n).(*lua.LUserData); ok {
		if s, ok := ud.Value.(*sproto.Schema); ok {
			return s
		}
	}
	L.ArgError(n, "sproto schema expected, got "+L.Get(n).Type().String())
	return nil
}

func checkType(L *lua.LState, n int) *sproto.Type {
	if ud, ok := L.Get(n).(*lua.LUserData); ok {
		if t, ok := ud.Value.(*sproto.Type); ok {
			return t
		}
	}
	L.ArgError(n, "sproto type expected, got "+L.Get(n).Type().String())
	return nil
}

func checkHost(L *lua.LState, n int) *hostRef {
	if ud, ok := L.Get(n).(*lua.LUserData); ok {
		if h, ok := ud.Value.(*hostRef); ok {
			return h
		}
	}
	L.ArgError(n, "sproto host expected, got "+L.Get(n).Type().String())
	return nil
}

// pushType pushes a type userdata, or nil for a protocol direction that
// has no type.
func pushType(L *lua.LState, t *sproto.Type) {
	if t == nil {
		L.Push(lua.LNil)
		return
	}
	L.Push(newUserData(L, t, typeMeta))
}

func ltostring(L *lua.LState) int {
	ud := L.CheckUserData(1)
	switch v := ud.Value.(type) {
	case *sproto.Schema:
		L.Push(lua.LString(fmt.Sprintf("%s: %p", schemaMeta, v)))
	case *sproto.Type:
		L.Push(lua.LString(typeMeta + ": " + v.Name))
	case *hostRef:
		L.Push(lua.LString(hostMeta + ": " + v.pkg.Name))
	default:
		L.Push(lua.LString(fmt.Sprintf("userdata: %p", ud)))
	}
	return 1
}

// raise turns a Go error into a Lua error carrying its message, which
// keeps sproto's wording after the sentinel's prefix. Like lsproto's
// luaL_error from C, the message gets no position: the nearest Lua frame
// would be sproto.lua, which tells the reader nothing.
func raise(L *lua.LState, err error) {
	L.Error(lua.LString(err.Error()), 0)
}

// view reads a Lua string as bytes without copying. Lua strings are
// immutable and package sproto only reads its input (decoded strings are
// copies), so nothing can write through or keep the view.
func view(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// fresh hands a buffer nobody else holds to Lua as a string, without a
// copy. Callers pass only what Pack, Unpack and Encode just returned.
func fresh(b []byte) lua.LString {
	if len(b) == 0 {
		return ""
	}
	return lua.LString(unsafe.String(&b[0], len(b)))
}
