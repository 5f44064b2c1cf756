package luasvc

import (
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// statePoolSize is how many fresh Lua states wait for new services.
const statePoolSize = 4

// statePool keeps a few Lua states with their libraries opened, made on
// a short-lived goroutine after each launch takes one.
//
// Why: a new service's state and tables are about a third of a sequential
// newservice (gopher-lua's NewState plus our openLibs), and all of it sits
// on the launch path, which skynet serialises through the launcher.
// Preparing them ahead moves that work off the path, onto another core
// when there is one. A pooled state has no owner until take hands it out;
// the owner is found through the state's context, set by the caller.
type statePool struct {
	mu      sync.Mutex
	ready   []*lua.LState
	filling bool
}

// take returns a prepared state (or makes one now) and starts a refill.
func (p *statePool) take(h *Host, sh *sharedLib) *lua.LState {
	p.mu.Lock()
	var L *lua.LState
	if n := len(p.ready); n > 0 {
		L = p.ready[n-1]
		p.ready[n-1] = nil
		p.ready = p.ready[:n-1]
	}
	refill := !p.filling
	p.filling = true
	p.mu.Unlock()
	if refill {
		go p.fill(h, sh)
	}
	if L == nil {
		L = h.newServiceState(sh)
	}
	return L
}

// fill tops the pool up and returns; the next take starts another.
func (p *statePool) fill(h *Host, sh *sharedLib) {
	for {
		p.mu.Lock()
		if len(p.ready) >= statePoolSize {
			p.filling = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		L := h.newServiceState(sh)
		p.mu.Lock()
		p.ready = append(p.ready, L)
		p.mu.Unlock()
	}
}

// newServiceState makes a state with the libraries opened, owned by no
// service yet.
func (h *Host) newServiceState(sh *sharedLib) *lua.LState {
	L := lua.NewState(stateOptions())
	h.openLibs(L, sh)
	return L
}
