package luasvc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// ErrNotFound is returned when no search path holds a module or service.
var ErrNotFound = errors.New("not found")

// embedPrefix marks paths inside the embedded tree in chunk names, so error
// messages say where code came from.
const embedPrefix = "@embed/"

// embeddedMark starts the package.path entries that stand for the embedded
// tree ("(embedded)/lualib/?.lua"); it also marks them in "tried" lists.
const embeddedMark = "(embedded) "

// embeddedEntry is how package.path spells an embedded template.
const embeddedEntry = "(embedded)/"

// find resolves name against templates, then the embedded tree under
// embedDirs. The error names every path tried.
func (h *Host) find(kind, name string, templates []string, embedDirs []string) (string, error) {
	return h.search(kind+"\x00"+name, kind, name, templates, embedDirs)
}

// search is find with the key of the lookup cache given by the caller, so
// a lookup through a service's own package.path is cached apart from the
// configured one. Relative templates resolve against the working
// directory at the first lookup, as Lua's searcher does; the result is
// remembered as an absolute path, which is also the code cache's key, so
// services reaching one file through different templates share its chunk.
func (h *Host) search(key, kind, name string, templates []string, embedDirs []string) (string, error) {
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
		if !filepath.IsAbs(cand) {
			if abs, err := filepath.Abs(cand); err == nil {
				cand = abs
			}
		}
		tried = append(tried, cand)
		if st, err := os.Stat(cand); err == nil && !st.IsDir() {
			h.remember(key, cand)
			return cand, nil
		}
	}
	if h.opts.Embedded != nil {
		for _, d := range embedDirs {
			cand := strings.ReplaceAll(d, "?", file)
			tried = append(tried, embeddedMark+cand)
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

// defaultPackagePath is the package.path a service starts with: the
// configured lua_path, then the embedded lualib. A service that leaves it
// alone searches exactly the configured templates.
func (h *Host) defaultPackagePath() string {
	paths := append([]string{}, h.opts.LuaPaths...)
	paths = append(paths, embeddedEntry+"lualib/?.lua", embeddedEntry+"lualib/?/init.lua")
	return strings.Join(paths, ";")
}

// splitPackagePath turns a package.path into file templates and embedded
// templates, in order. Empty entries are skipped. Embedded templates the
// path does not list (all of them, once a service replaces the path) are
// searched last, so skyconsole's own modules stay reachable: in skynet they
// sit on lua_path, here they are built in.
func (h *Host) splitPackagePath(path string) (files, embedded []string) {
	seen := map[string]bool{}
	for _, t := range strings.Split(path, ";") {
		if t == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(t, embeddedEntry); ok {
			if !seen[rest] {
				seen[rest] = true
				embedded = append(embedded, rest)
			}
			continue
		}
		files = append(files, t)
	}
	for _, d := range h.moduleDirs() {
		if !seen[d] {
			embedded = append(embedded, d)
		}
	}
	return files, embedded
}

// packagePath is the calling service's package.path. Like Lua's searcher,
// require honours a service's own edits to it (skynet's examples prepend
// "./examples/?.lua"). ok is false when the service has no package table
// or path at all.
func packagePath(L *lua.LState) (path string, ok bool) {
	pkg, isTable := L.G.Global.RawGetString("package").(*lua.LTable)
	if !isTable {
		return "", false
	}
	switch v := pkg.RawGetString("path").(type) {
	case lua.LString:
		return string(v), true
	case *lua.LNilType:
		return "", false
	default:
		L.RaiseError("'package.path' must be a string")
		return "", false
	}
}

// requireLoader replaces gopher-lua's file loader: it searches the
// service's package.path (by default lua_path, then the embedded lualib)
// and shares compiled chunks between services.
func (s *Service) requireLoader(L *lua.LState) int {
	name := L.CheckString(1)
	h := s.host
	var path string
	var err error
	if pp, ok := packagePath(L); !ok || pp == h.defaultPackagePath() {
		path, err = h.find("module", name, h.opts.LuaPaths, h.moduleDirs())
	} else {
		files, embedded := h.splitPackagePath(pp)
		path, err = h.search("path\x00"+pp+"\x00"+name, "module", name, files, embedded)
	}
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
