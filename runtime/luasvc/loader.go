package luasvc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// ErrNotFound is returned when no search path holds a module or service.
var ErrNotFound = errors.New("not found")

// embedPrefix marks paths inside the embedded tree in chunk names, so error
// messages say where code came from.
const embedPrefix = "@embed/"

// find resolves name against templates, then the embedded tree under
// embedDirs. The error names every path tried.
func (h *Host) find(kind, name string, templates []string, embedDirs []string) (string, error) {
	key := kind + "\x00" + name
	h.cacheMu.RLock()
	p, ok := h.found[key]
	h.cacheMu.RUnlock()
	if ok {
		return p, nil
	}
	file := name
	if kind == "module" {
		file = strings.ReplaceAll(name, ".", "/")
	}
	var tried []string
	for _, t := range templates {
		cand := strings.ReplaceAll(t, "?", file)
		tried = append(tried, cand)
		if st, err := os.Stat(cand); err == nil && !st.IsDir() {
			h.remember(key, cand)
			return cand, nil
		}
	}
	if h.opts.Embedded != nil {
		for _, d := range embedDirs {
			cand := strings.ReplaceAll(d, "?", file)
			tried = append(tried, "(embedded) "+cand)
			if st, err := fs.Stat(h.opts.Embedded, cand); err == nil && !st.IsDir() {
				p := embedPrefix + cand
				h.remember(key, p)
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%s %q %w; tried:\n\t%s", kind, name, ErrNotFound, strings.Join(tried, "\n\t"))
}

func (h *Host) remember(key, path string) {
	h.cacheMu.Lock()
	h.found[key] = path
	h.cacheMu.Unlock()
}

// proto compiles path once per process (skynet's code cache).
func (h *Host) proto(path string) (*lua.FunctionProto, error) {
	h.cacheMu.RLock()
	p := h.cache[path]
	h.cacheMu.RUnlock()
	if p != nil {
		return p, nil
	}
	var src []byte
	var err error
	chunk := path
	if rest, ok := strings.CutPrefix(path, embedPrefix); ok {
		src, err = fs.ReadFile(h.opts.Embedded, rest)
		chunk = rest
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	p, err = compile(src, chunk)
	if err != nil {
		return nil, err
	}
	h.cacheMu.Lock()
	h.cache[path] = p
	h.cacheMu.Unlock()
	return p, nil
}

func compile(src []byte, name string) (*lua.FunctionProto, error) {
	// A leading "#!" line is allowed, as in lua(1).
	if bytes.HasPrefix(src, []byte("#")) {
		src = append([]byte("--"), src[1:]...)
	}
	chunk, err := parse.Parse(bufio.NewReader(bytes.NewReader(src)), name)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	p, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	return p, nil
}

// moduleDirs are the embedded require paths; examples/ is there so the
// embedded example node finds its proto module.
func (h *Host) moduleDirs() []string {
	return []string{"lualib/?.lua", "lualib/?/init.lua", "examples/?.lua"}
}
func (h *Host) serviceDirs() []string {
	return []string{"service/?.lua", "examples/?.lua", "bench/lua/?.lua"}
}

// requireLoader replaces gopher-lua's file loader: it searches lua_path
// then the embedded lualib, and shares compiled chunks between services.
func (s *Service) requireLoader(L *lua.LState) int {
	name := L.CheckString(1)
	path, err := s.host.find("module", name, s.host.opts.LuaPaths, s.host.moduleDirs())
	if err != nil {
		L.Push(lua.LString("\n\t" + err.Error()))
		return 1
	}
	p, err := s.host.proto(path)
	if err != nil {
		L.RaiseError("error loading module '%s': %v", name, err)
	}
	L.Push(L.NewFunctionFromProto(p))
	return 1
}
