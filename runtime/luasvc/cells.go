package luasvc

import (
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// cells holds the main functions given to skynet.service's new: skynet
// sends the function's bytecode (string.dump) to a new service_cell;
// gopher-lua has no string.dump, but compiled code is shared by every
// Lua state of the process, so the cell gets the function's compiled
// prototype from here. Like skynet's, the function must not rely on
// upvalues other than globals: they do not travel.
type cells struct {
	mu    sync.Mutex
	cells map[string]cell
}

type cell struct {
	proto *lua.FunctionProto
	args  string // skynet.pack of the arguments
}

// newcell(name, func, packedargs) records the main function of cell name.
func (s *Service) lnewcell(L *lua.LState) int {
	name := L.CheckString(1)
	fn := L.CheckFunction(2)
	if fn.IsG || fn.Proto == nil {
		L.ArgError(2, "a Lua function expected")
	}
	h := s.host
	h.cells.mu.Lock()
	if h.cells.cells == nil {
		h.cells.cells = map[string]cell{}
	}
	h.cells.cells[name] = cell{proto: fn.Proto, args: L.OptString(3, "")}
	h.cells.mu.Unlock()
	return 0
}

// cell(name) -> the main function of cell name (in this state) and its
// packed arguments.
func (s *Service) lcell(L *lua.LState) int {
	name := L.CheckString(1)
	h := s.host
	h.cells.mu.Lock()
	c, ok := h.cells.cells[name]
	h.cells.mu.Unlock()
	if !ok {
		L.RaiseError("service_cell: no service %q was made by service.new", name)
	}
	L.Push(L.NewFunctionFromProto(c.proto))
	L.Push(lua.LString(c.args))
	return 2
}
