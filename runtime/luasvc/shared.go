package luasvc

import (
	"fmt"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/compat"
)

// sharedModules are the embedded modules every service gets from one
// process-wide copy. Their functions keep no per-service state in Lua
// (that lives in Go, reached through skynet.core), so one compiled and
// loaded copy serves every service through a per-service proxy table.
var sharedModules = []string{"skynet", "skynet.manager", "skynet.datacenter", "skynet.coroutine"}

// sharedLibs are the standard libraries shared the same way. Base and
// package stay per service: they hold the service's environment.
var sharedLibs = []string{"string", "table", "math", "coroutine", "utf8"}

// sharedLib is the read-only half of every Lua service, built once per
// Host in a template state that never runs again. Sharing it is what keeps
// an idle service small and a spawn fast (see docs/architecture.md).
type sharedLib struct {
	L          *lua.LState
	libs       map[string]*lua.LTable
	modules    map[string]*lua.LTable
	core       *lua.LTable
	coreUnpack *lua.LFunction
	builtins   []*lua.LTable // protocol classes every service starts with
	// globals holds the base functions (gopher-lua's Go functions read the
	// calling state's environment, never their own, so one copy serves
	// everyone) plus print; a service's _G falls through to it.
	globals *lua.LTable
	// Shared loader functions for every service's package.loaders/preload.
	preloader, fileLoader, modulePreload, libPreload *lua.LFunction
}

type sharedOnce struct {
	once sync.Once
	lib  *sharedLib
	err  error
}

func (h *Host) shared() (*sharedLib, error) {
	h.sharedOnce.once.Do(func() {
		h.sharedOnce.lib, h.sharedOnce.err = h.buildShared()
	})
	return h.sharedOnce.lib, h.sharedOnce.err
}

func (h *Host) buildShared() (*sharedLib, error) {
	L := lua.NewState(stateOptions())
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
	compat.Open(L)
	sh := &sharedLib{L: L, libs: map[string]*lua.LTable{}, modules: map[string]*lua.LTable{}}
	for _, name := range sharedLibs {
		t, ok := L.GetGlobal(name).(*lua.LTable)
		if !ok {
			return nil, fmt.Errorf("luasvc: shared library %s missing", name)
		}
		sh.libs[name] = t
	}
	sh.core = L.SetFuncs(L.NewTable(), coreFuncs())
	sh.coreUnpack = sh.core.RawGetString("unpack").(*lua.LFunction)

	pkg := L.GetGlobal("package").(*lua.LTable)
	loaders := L.GetField(pkg, "loaders").(*lua.LTable)
	loaders.RawSetInt(2, L.NewFunction(func(L *lua.LState) int { return h.loadModule(L) }))
	preload := L.GetField(pkg, "preload").(*lua.LTable)
	preload.RawSetString("skynet.core", L.NewFunction(func(L *lua.LState) int {
		L.Push(sh.core)
		return 1
	}))
	for _, name := range sharedModules {
		if err := L.CallByParam(lua.P{Fn: L.GetGlobal("require"), NRet: 1, Protect: true}, lua.LString(name)); err != nil {
			return nil, fmt.Errorf("luasvc: load shared module %s: %w", name, err)
		}
		t, ok := L.Get(-1).(*lua.LTable)
		L.Pop(1)
		if !ok {
			return nil, fmt.Errorf("luasvc: shared module %s did not return a table", name)
		}
		sh.modules[name] = t
	}
	skynet := sh.modules["skynet"]
	list, ok := skynet.RawGetString("builtin_protocols").(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("luasvc: skynet.builtin_protocols missing")
	}
	list.ForEach(func(_, v lua.LValue) {
		if t, ok := v.(*lua.LTable); ok {
			sh.builtins = append(sh.builtins, t)
		}
	})
	sh.buildGlobals(h, L)
	return sh, nil
}

// loadModule is the template state's file loader (embedded lualib and
// lua_path), using the shared code cache.
func (h *Host) loadModule(L *lua.LState) int {
	name := L.CheckString(1)
	path, err := h.find("module", name, h.opts.LuaPaths, h.moduleDirs())
	if err != nil {
		L.Push(lua.LString("\n\t" + err.Error()))
		return 1
	}
	p, err := h.proto(path)
	if err != nil {
		L.RaiseError("error loading module '%s': %v", name, err)
	}
	L.Push(L.NewFunctionFromProto(p))
	return 1
}

// proxy gives a service its own view of a shared table: reads fall
// through to the shared table, writes stay in the service.
func proxy(L *lua.LState, shared *lua.LTable) *lua.LTable {
	t := L.CreateTable(0, 0)
	mt := L.CreateTable(0, 1)
	mt.RawSetString("__index", shared)
	L.SetMetatable(t, mt)
	return t
}

// buildGlobals collects the template's base functions into the shared
// globals table and makes the shared loader functions.
func (sh *sharedLib) buildGlobals(h *Host, L *lua.LState) {
	g := L.CreateTable(0, 48)
	skip := map[string]bool{"_G": true, "package": true, "module": true}
	for _, name := range sharedLibs {
		skip[name] = true
	}
	L.G.Global.ForEach(func(k, v lua.LValue) {
		if name, ok := k.(lua.LString); ok && !skip[string(name)] {
			g.RawSetString(string(name), v)
		}
	})
	g.RawSetString("print", L.NewFunction(h.print))
	// collectgarbage("count") answers for the calling service (footprint)
	// rather than for the whole process heap.
	// Shared code (skynet.debug's MEM) sees the template's globals, a
	// service's own code sees g: both get it.
	if orig, ok := g.RawGetString("collectgarbage").(*lua.LFunction); ok {
		count := L.NewFunction(func(L *lua.LState) int {
			if opt, ok := L.Get(1).(lua.LString); ok && opt == "count" {
				L.Push(lua.LNumber(serviceOf(L).footprintKB()))
				return 1
			}
			return orig.GFunction(L)
		})
		g.RawSetString("collectgarbage", count)
		L.G.Global.RawSetString("collectgarbage", count)
	}
	// io, os and debug cost about 25 KB per state and most services never
	// use them: the first read of one of those names opens it in the
	// reading service.
	mt := L.CreateTable(0, 1)
	mt.RawSetString("__index", L.NewFunction(lazyLib))
	L.SetMetatable(g, mt)
	sh.globals = g

	pkg := L.GetGlobal("package").(*lua.LTable)
	loaders := L.GetField(pkg, "loaders").(*lua.LTable)
	sh.preloader = loaders.RawGetInt(1).(*lua.LFunction)
	sh.fileLoader = L.NewFunction(bind((*Service).requireLoader))
	sh.modulePreload = L.NewFunction(bind((*Service).preloadModule))
	sh.libPreload = L.NewFunction(func(L *lua.LState) int {
		L.Push(L.GetGlobal(L.CheckString(1)))
		return 1
	})
}

// print writes straight to the host's stdout, bypassing the logger, as
// skynet's print does (so its lines can overtake skynet.error lines).
func (h *Host) print(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	b.WriteByte('\n')
	h.printMu.Lock()
	_, _ = h.opts.Stdout.Write([]byte(b.String()))
	h.printMu.Unlock()
	return 0
}

// lazyLib is the shared globals' __index: it opens io, os or debug in the
// calling service's own _G on first use.
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

func openLib(L *lua.LState, name string, fn lua.LGFunction) {
	L.Push(L.NewFunction(fn))
	L.Push(lua.LString(name))
	L.Call(1, 0)
}
