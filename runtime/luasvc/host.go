package luasvc

import (
	"io"
	"io/fs"
	"os"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
)

// HostOptions configure where Lua code is found and where print writes.
type HostOptions struct {
	// Embedded is the built-in script tree (lualib/, service/ ...), always
	// searched after the configured paths.
	Embedded fs.FS
	// ServicePaths are luaservice templates ("/abs/dir/?.lua").
	ServicePaths []string
	// LuaPaths are lua_path templates for require.
	LuaPaths []string
	// Preload is a file run before every service's main chunk.
	Preload string
	// Stdout receives print(); skynet's print bypasses the logger too.
	Stdout io.Writer
}

// Host is shared by every Lua service of a process: options, the compat
// prelude and the code cache. It is safe for concurrent use.
type Host struct {
	opts HostOptions

	cacheMu sync.RWMutex
	cache   map[string]*lua.FunctionProto
	// misses records search results so thousands of launches of one name
	// do not stat the file system each time; cleared with the cache.
	found map[string]string

	printMu sync.Mutex

	// modules are extra Go modules offered to require (socketdriver,
	// netpack, sproto.core ...), registered before the node starts.
	modules map[string]ModuleOpener

	sharedOnce sharedOnce
	states     statePool
	cells      cells
}

// ModuleOpener builds a Go module for one service's Lua state and pushes
// it, like a lua_CFunction luaopen_*.
type ModuleOpener func(c *runtime.Context, L *lua.LState) int

// RegisterModule offers a Go module to require(name). Call before Start.
func (h *Host) RegisterModule(name string, open ModuleOpener) { h.modules[name] = open }

// NewHost creates a host.
func NewHost(o HostOptions) *Host {
	if o.Stdout == nil {
		o.Stdout = os.Stdout
	}
	return &Host{opts: o, cache: map[string]*lua.FunctionProto{}, found: map[string]string{}, modules: map[string]ModuleOpener{}}
}

// Factory returns the runtime factory for module "snlua".
func (h *Host) Factory() runtime.Factory {
	return func() runtime.Service { return &Service{host: h} }
}

// Install registers snlua (and skynet's placeholder C services) on a node.
func (h *Host) Install(n *runtime.Node) {
	n.RegisterModule("snlua", h.Factory())
	n.RegisterModule("harbor", func() runtime.Service { return idleService{} })
}

// ClearCache drops compiled chunks (debug console `clearcache`).
func (h *Host) ClearCache() {
	h.cacheMu.Lock()
	h.cache = map[string]*lua.FunctionProto{}
	h.found = map[string]string{}
	h.cacheMu.Unlock()
}

// idleService stands in for skynet's C services we do not need (harbor in
// single-node mode) so handle numbers line up with real skynet's.
type idleService struct{}

func (idleService) Init(*runtime.Context, string) error               { return nil }
func (idleService) Dispatch(*runtime.Context, *runtime.Message) error { return nil }
func (idleService) Release(*runtime.Context)                          {}
