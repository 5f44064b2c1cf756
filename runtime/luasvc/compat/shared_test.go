package compat

import (
	"sync"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// The luasvc host builds the library tables once and shares them between
// services that run in parallel. Every function here must therefore work
// on whatever state calls it and keep nothing of its own; run with -race.
func TestSharedLibrariesAcrossStates(t *testing.T) {
	t.Parallel()
	template := newState(t)
	libs := map[string]*lua.LTable{}
	for _, name := range []string{"string", "table", "math", "coroutine", "utf8"} {
		libs[name] = template.GetGlobal(name).(*lua.LTable)
	}
	const script = `
		for i = 1, 50 do
			local s = string.pack("<i4 z d", i, "n" .. i, i / 2)
			local a, b, c = string.unpack("<i4 z d", s)
			assert(a == i and b == "n" .. i and c == i / 2)
			assert(string.format("%d:%5.1f:%q", i, i / 3, "x") ~= nil)
			assert(select("#", table.unpack(table.pack(1, nil, 3), 1, 3)) == 3)
			local co = coroutine.create(function(x) return coroutine.yield(x) + 1 end)
			assert(select(2, coroutine.resume(co, i)) == i)
			assert(select(2, coroutine.resume(co, i)) == i + 1)
			assert(coroutine.status(co) == "dead")
			for _, c in utf8.codes("h\195\169") do assert(c > 0) end
			assert(math.type(i) == "integer")
			assert(load("return ...", "=c", "t", {})(i) == i)
			assert(select(2, xpcall(function(v) return v end, print, i)) == i)
		end
	`
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			L := lua.NewState()
			defer L.Close()
			openBase(L) // the per-state half: xpcall, load, collectgarbage
			for name, lib := range libs {
				L.SetGlobal(name, lib)
			}
			mt := L.CreateTable(0, 1)
			mt.RawSetString("__index", libs["string"])
			L.SetMetatable(lua.LString(""), mt)
			if err := L.DoString(script); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
