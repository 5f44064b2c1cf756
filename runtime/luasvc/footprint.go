package luasvc

import (
	lua "github.com/yuin/gopher-lua"
)

// All services share one Go heap, so there is no per-state allocator to
// ask how much memory a service holds, the way skynet's `mem` asks each
// Lua state. footprint estimates it instead, by walking what the
// service's Lua state can reach: its globals, registry, loaded modules
// and the stacks of its handler threads, stopping at the tables every
// service shares (libraries, skynet modules, base functions) and at
// compiled code, which is cached once per process. The sizes charged are
// gopher-lua's typical ones, so the figure is an estimate meant for
// comparing services and watching one grow, not an exact byte count.
const (
	sizeTable    = 96 // LTable and its maps' fixed part
	sizeEntry    = 40 // one key/value slot
	sizeString   = 16 // string header; the bytes are added
	sizeFunction = 64 // LFunction
	sizeUpvalue  = 32
	sizeUserdata = 48
	sizeThread   = 1024 // LState, call frames
	sizeSlot     = 16   // one stack slot in use
)

// footprintKB walks s's reachable Lua values; it runs while s holds its
// baton (inside a handler), so nothing changes under it.
func (s *Service) footprintKB() float64 {
	w := walker{seen: map[any]bool{}}
	if sh := s.sh; sh != nil {
		w.shared = sh.L.G.Global
		w.skip(sh.L.G.Global)
		if reg, ok := sh.L.Get(lua.RegistryIndex).(*lua.LTable); ok {
			w.skip(reg)
		}
		w.skip(sh.globals)
		w.skip(sh.core)
		for _, t := range sh.libs {
			w.skip(t)
		}
		for _, t := range sh.modules {
			w.skip(t)
		}
	}
	if s.L == nil {
		return 0
	}
	w.value(s.L.G.Global)
	w.value(s.L.Get(lua.RegistryIndex))
	// What skynet keeps in Lua, per service, this runtime keeps in Go
	// (skynet.core): protocol tables and handlers, timeout and fork
	// functions, init and info functions, debug commands, wait tokens.
	for i := range s.protos {
		p := &s.protos[i]
		w.value(p.class)
		w.value(p.dispatch)
		w.value(p.unpack)
	}
	for _, f := range s.callbacks {
		w.value(f)
	}
	for _, f := range s.inits {
		w.value(f)
	}
	for _, f := range s.debugCmds {
		w.value(f)
	}
	for token := range s.waiting {
		w.value(token)
	}
	w.value(s.filterFn)
	w.value(s.infoFn)
	w.thread(s.L)
	for _, th := range s.free {
		w.thread(th)
	}
	for _, t := range s.tasks {
		if t.th != nil {
			w.thread(t.th)
		}
	}
	return float64(w.bytes) / 1024
}

type walker struct {
	seen  map[any]bool
	bytes int64
	queue []lua.LValue
	// shared is the template state's global table: functions whose
	// environment it is were made by the shared skynet code, whose
	// upvalues are not the service's to charge.
	shared *lua.LTable
}

func (w *walker) skip(t *lua.LTable) {
	if t != nil {
		w.seen[t] = true
	}
}

// value charges v and everything it reaches. It works from a queue, so
// deep structures do not deepen the Go stack.
func (w *walker) value(v lua.LValue) {
	if v == nil {
		return
	}
	w.queue = append(w.queue, v)
	w.drain()
}

// drain visits what is queued, and what that queues, until nothing is.
func (w *walker) drain() {
	for len(w.queue) > 0 {
		v := w.queue[len(w.queue)-1]
		w.queue = w.queue[:len(w.queue)-1]
		w.visit(v)
	}
}

func (w *walker) visit(v lua.LValue) {
	switch x := v.(type) {
	case lua.LString:
		// Strings are values, not objects with an identity, so a string
		// held in two places is charged twice.
		w.bytes += sizeString + int64(len(x))
	case *lua.LTable:
		if x == nil || w.seen[x] {
			return
		}
		w.seen[x] = true
		w.bytes += sizeTable
		x.ForEach(func(k, v lua.LValue) {
			w.bytes += sizeEntry
			w.queue = append(w.queue, k, v)
		})
		if mt, ok := x.Metatable.(*lua.LTable); ok {
			w.queue = append(w.queue, mt)
		}
	case *lua.LFunction:
		if x == nil || w.seen[x] {
			return
		}
		w.seen[x] = true
		w.bytes += sizeFunction
		if w.shared != nil && x.Env == w.shared {
			// A closure of the shared skynet code (a response closure,
			// say): its upvalues are the shared code's own state.
			return
		}
		for _, uv := range x.Upvalues {
			w.bytes += sizeUpvalue
			w.queue = append(w.queue, uv.Value())
		}
		if x.Env != nil {
			w.queue = append(w.queue, x.Env)
		}
	case *lua.LUserData:
		if x == nil || w.seen[x] {
			return
		}
		w.seen[x] = true
		w.bytes += sizeUserdata
		if x.Metatable != nil {
			w.queue = append(w.queue, x.Metatable)
		}
		if x.Env != nil {
			w.queue = append(w.queue, x.Env)
		}
	case *lua.LState:
		w.thread(x)
	}
}

// thread charges a handler thread and the values on its stack.
func (w *walker) thread(L *lua.LState) {
	if L == nil || w.seen[L] {
		return
	}
	w.seen[L] = true
	w.bytes += sizeThread
	top := L.GetTop()
	w.bytes += int64(top) * sizeSlot
	for i := 1; i <= top; i++ {
		w.queue = append(w.queue, L.Get(i))
	}
	w.drain()
}
