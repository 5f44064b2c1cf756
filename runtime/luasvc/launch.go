package luasvc

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/luasvc/compat"
)

// stateOptions follow the measurements in docs/architecture.md: a small
// registry that can grow, a call stack deep enough for real services, and
// stacks that shrink back when idle.
var stateOptions = lua.Options{
	RegistrySize:        256,
	RegistryMaxSize:     256 * 1024,
	RegistryGrowStep:    512,
	CallStackSize:       200,
	MinimizeStackMemory: true,
	SkipOpenLibs:        true,
}

// launch builds the Lua state and runs the service's main chunk; on failure
// it tells the launcher (so newservice raises in the caller) and exits.
func (s *Service) launch() error {
	sh, err := s.host.shared()
	if err != nil {
		s.ctx.Log(err.Error())
		s.ctx.Exit()
		return err
	}
	s.sh = sh
	L := lua.NewState(stateOptions)
	s.L = L
	L.SetContext(s.luaCtx())
	s.openLibs(L)
	for _, class := range sh.builtins {
		if err := s.registerProtocol(class); err != nil {
			return err
		}
	}
	// The main state is the first handler thread: most services never need
	// a second one, and each costs about 14 KB.
	s.free = append(s.free, L)
	err = s.loadMain(L)
	if err != nil {
		if !s.ctx.Dead() {
			s.ctx.Log("lua loader error : " + err.Error())
			if h, ok := s.ctx.Node().Query(".launcher"); ok {
				_ = s.ctx.Send(h, runtime.PTypeText, 0, []byte("ERROR"))
			}
			s.ctx.Exit()
		}
		return err
	}
	return nil
}

// openLibs gives the state its own base and package libraries and proxies
// of the shared ones.
func (s *Service) openLibs(L *lua.LState) {
	sh := s.sh
	openLib(L, lua.BaseLibName, lua.OpenBase)
	openLib(L, lua.LoadLibName, lua.OpenPackage)
	compat.OpenBase(L)
	for name, lib := range sh.libs {
		L.SetGlobal(name, proxy(L, lib))
	}
	strMT := L.CreateTable(0, 1)
	strMT.RawSetString("__index", sh.libs["string"])
	L.SetMetatable(lua.LString(""), strMT)
	s.lazyLibs(L)

	pkg := L.GetGlobal("package").(*lua.LTable)
	loaders := L.GetField(pkg, "loaders").(*lua.LTable)
	loaders.RawSetInt(2, L.NewFunction(s.requireLoader))
	paths := append([]string{}, s.host.opts.LuaPaths...)
	paths = append(paths, "(embedded)/lualib/?.lua", "(embedded)/lualib/?/init.lua")
	L.SetField(pkg, "path", lua.LString(strings.Join(paths, ";")))
	L.SetField(pkg, "cpath", lua.LString(""))

	preload := L.GetField(pkg, "preload").(*lua.LTable)
	preload.RawSetString("skynet.core", L.NewFunction(func(L *lua.LState) int {
		L.Push(s.proxyOf(L, sh.core))
		return 1
	}))
	for _, name := range sharedModules {
		mod := sh.modules[name]
		preload.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			L.Push(s.proxyOf(L, mod))
			return 1
		}))
	}
	for name, open := range s.host.modules {
		preload.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			return open(s.ctx, L)
		}))
	}
	L.SetGlobal("print", L.NewFunction(s.lprint))
}

// proxyOf returns the service's one proxy for a shared table, so
// require "skynet" and require "skynet.manager" give the same table.
func (s *Service) proxyOf(L *lua.LState, shared *lua.LTable) *lua.LTable {
	for _, p := range s.proxies {
		if p.shared == shared {
			return p.proxy
		}
	}
	p := proxy(L, shared)
	s.proxies = append(s.proxies, proxyPair{shared, p})
	return p
}

type proxyPair struct{ shared, proxy *lua.LTable }

func openLib(L *lua.LState, name string, fn lua.LGFunction) {
	L.Push(L.NewFunction(fn))
	L.Push(lua.LString(name))
	L.Call(1, 0)
}

// lazyLibs opens io, os and debug on first use: together they cost about
// 25 KB per state, and most services never touch them. A metatable on _G
// catches the first read of those names; other missing globals stay nil.
func (s *Service) lazyLibs(L *lua.LState) {
	mt := L.CreateTable(0, 1)
	mt.RawSetString("__index", L.NewFunction(lazyLib))
	L.SetMetatable(L.G.Global, mt)
	pkg := L.GetGlobal("package").(*lua.LTable)
	preload := L.GetField(pkg, "preload").(*lua.LTable)
	req := L.NewFunction(func(L *lua.LState) int {
		L.Push(L.GetGlobal(L.CheckString(1)))
		return 1
	})
	for _, name := range []string{lua.OsLibName, lua.IoLibName, lua.DebugLibName} {
		preload.RawSetString(name, req)
	}
}

func lazyLib(L *lua.LState) int {
	name, ok := L.Get(2).(lua.LString)
	if !ok {
		return 0
	}
	var open lua.LGFunction
	switch string(name) {
	case lua.OsLibName:
		open = lua.OpenOs
	case lua.IoLibName:
		open = lua.OpenIo
	case lua.DebugLibName:
		open = lua.OpenDebug
	default:
		return 0
	}
	openLib(L, string(name), open)
	L.Push(L.RawGet(L.G.Global, name))
	return 1
}

// lprint writes straight to stdout, bypassing the logger, as skynet's
// print does (so its lines can overtake skynet.error lines).
func (s *Service) lprint(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	b.WriteByte('\n')
	s.host.printMu.Lock()
	_, _ = s.host.opts.Stdout.Write([]byte(b.String()))
	s.host.printMu.Unlock()
	return 0
}

func (s *Service) loadMain(L *lua.LState) error {
	path, err := s.host.find("service", s.name, s.host.opts.ServicePaths, s.host.serviceDirs())
	if err != nil {
		return err
	}
	L.SetGlobal("SERVICE_NAME", lua.LString(s.name))
	L.SetGlobal("SERVICE_PATH", lua.LString(path))
	if s.host.opts.Preload != "" {
		p, err := s.host.proto(s.host.opts.Preload)
		if err != nil {
			return fmt.Errorf("preload: %w", err)
		}
		if err := s.runTask(&task{}, L.NewFunctionFromProto(p)); err != nil {
			return fmt.Errorf("preload %s failed", s.host.opts.Preload)
		}
	}
	p, err := s.host.proto(path)
	if err != nil {
		return err
	}
	args := make([]lua.LValue, len(s.args))
	for i, a := range s.args {
		args[i] = lua.LString(a)
	}
	if err := s.runTask(&task{}, L.NewFunctionFromProto(p), args...); err != nil {
		return fmt.Errorf("main chunk of %s failed", s.name)
	}
	return nil
}
