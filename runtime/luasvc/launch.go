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
	L := lua.NewState(stateOptions)
	s.L = L
	L.SetContext(s.luaCtx())
	s.openLibs(L)
	// The main state is the first handler thread: most services never need
	// a second one, and each costs about 14 KB.
	s.free = append(s.free, L)
	err := s.loadMain(L)
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

func (s *Service) openLibs(L *lua.LState) {
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.LoadLibName, lua.OpenPackage},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.CoroutineLibName, lua.OpenCoroutine},
	} {
		openLib(L, lib.name, lib.fn)
	}
	s.lazyLibs(L)
	compat.Open(L)

	pkg := L.GetGlobal("package").(*lua.LTable)
	loaders := L.GetField(pkg, "loaders").(*lua.LTable)
	loaders.RawSetInt(2, L.NewFunction(s.requireLoader))
	paths := append([]string{}, s.host.opts.LuaPaths...)
	paths = append(paths, "(embedded)/lualib/?.lua", "(embedded)/lualib/?/init.lua")
	L.SetField(pkg, "path", lua.LString(strings.Join(paths, ";")))
	L.SetField(pkg, "cpath", lua.LString(""))

	preload := L.GetField(pkg, "preload").(*lua.LTable)
	preload.RawSetString("skynet.core", L.NewFunction(func(L *lua.LState) int {
		L.Push(L.SetFuncs(L.NewTable(), s.coreFuncs()))
		return 1
	}))
	for name, open := range s.host.modules {
		open := open
		preload.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			return open(s.ctx, L)
		}))
	}
	L.SetGlobal("print", L.NewFunction(s.lprint))
}

func openLib(L *lua.LState, name string, fn lua.LGFunction) {
	L.Push(L.NewFunction(fn))
	L.Push(lua.LString(name))
	L.Call(1, 0)
}

// lazyLibs opens io, os and debug on first use: together they cost about
// 25 KB per state, and most services never touch them. A metatable on _G
// catches the first read of those names; other missing globals stay nil.
func (s *Service) lazyLibs(L *lua.LState) {
	libs := map[string]lua.LGFunction{
		lua.OsLibName:    lua.OpenOs,
		lua.IoLibName:    lua.OpenIo,
		lua.DebugLibName: lua.OpenDebug,
	}
	mt := L.NewTable()
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		name, ok := L.Get(2).(lua.LString)
		if !ok {
			return 0
		}
		open, ok := libs[string(name)]
		if !ok {
			return 0
		}
		openLib(L, string(name), open)
		L.Push(L.GetGlobal(string(name)))
		return 1
	}))
	L.SetMetatable(L.G.Global, mt)
	// require "debug" and friends must find them too.
	pkg := L.GetGlobal("package").(*lua.LTable)
	preload := L.GetField(pkg, "preload").(*lua.LTable)
	for name := range libs {
		preload.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			L.Push(L.GetGlobal(name))
			return 1
		}))
	}
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
