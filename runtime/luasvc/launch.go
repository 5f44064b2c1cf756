package luasvc

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
)

// stateOptions follow the measurements in docs/architecture.md: a small
// registry that can grow, a call stack deep enough for real services, and
// stacks that shrink back when idle.
func stateOptions() lua.Options {
	return lua.Options{
		RegistrySize:        256,
		RegistryMaxSize:     256 * 1024,
		RegistryGrowStep:    512,
		CallStackSize:       200,
		MinimizeStackMemory: true,
		SkipOpenLibs:        true,
	}
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
	L := s.host.states.take(s.host, sh)
	s.L = L
	L.SetContext(s.luaCtx())
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

// openLibs gives the state its own globals table, whose reads fall
// through to the shared base functions, its own package tables, and
// proxies of the shared libraries. Nothing here allocates a function, and
// nothing depends on the service that will own the state (the loaders
// find it through the state's context), so states are prepared ahead
// (statePool).
func (h *Host) openLibs(L *lua.LState, sh *sharedLib) {
	G := L.G.Global
	mt := L.CreateTable(0, 1)
	mt.RawSetString("__index", sh.globals)
	L.SetMetatable(G, mt)
	G.RawSetString("_G", G)
	G.RawSetString("_VERSION", lua.LString(lua.LuaVersion))
	for _, name := range sharedLibs {
		G.RawSetString(name, proxy(L, sh.libs[name]))
	}
	strMT := L.CreateTable(0, 1)
	strMT.RawSetString("__index", sh.libs["string"])
	L.SetMetatable(lua.LString(""), strMT)

	loaded := L.CreateTable(0, 8)
	preload := L.CreateTable(0, 8)
	loaders := L.CreateTable(2, 0)
	// gopher-lua's preload searcher reads package.preload through its own
	// function environment, so each service needs its own copy of it.
	loaders.RawSetInt(1, L.NewFunction(sh.preloader.GFunction))
	loaders.RawSetInt(2, sh.fileLoader)
	pkg := L.CreateTable(0, 6)
	pkg.RawSetString("loaded", loaded)
	pkg.RawSetString("preload", preload)
	pkg.RawSetString("loaders", loaders)
	paths := append([]string{}, h.opts.LuaPaths...)
	paths = append(paths, "(embedded)/lualib/?.lua", "(embedded)/lualib/?/init.lua")
	pkg.RawSetString("path", lua.LString(strings.Join(paths, ";")))
	pkg.RawSetString("cpath", lua.LString(""))
	G.RawSetString("package", pkg)
	reg := L.Get(lua.RegistryIndex).(*lua.LTable)
	reg.RawSetString("_LOADED", loaded)
	reg.RawSetString("_LOADERS", loaders)

	preload.RawSetString("skynet.core", sh.modulePreload)
	for _, name := range sharedModules {
		preload.RawSetString(name, sh.modulePreload)
	}
	for name := range h.modules {
		preload.RawSetString(name, sh.modulePreload)
	}
	for _, name := range []string{lua.OsLibName, lua.IoLibName, lua.DebugLibName} {
		preload.RawSetString(name, sh.libPreload)
	}
}

// preloadModule is the preload function of skynet.core, the shared
// modules and the host's Go modules.
func (s *Service) preloadModule(L *lua.LState) int {
	name := L.CheckString(1)
	if name == "skynet.core" {
		L.Push(s.proxyOf(L, s.sh.core))
		return 1
	}
	if mod, ok := s.sh.modules[name]; ok {
		L.Push(s.proxyOf(L, mod))
		return 1
	}
	if open, ok := s.host.modules[name]; ok {
		return open(s.ctx, L)
	}
	L.RaiseError("no preload for module %s", name)
	return 0
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
