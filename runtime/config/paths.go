package config

import (
	"os"
	"path/filepath"
	"strings"
)

// ResolveTemplates splits the ;-separated search path held by key into
// absolute templates. Relative entries resolve against Dir, not the
// working directory as in skynet, so a node behaves the same wherever it
// is started from. Empty entries are dropped (Lua's ";;" default path has
// no meaning here). It returns nil when key is unset.
func (c *Config) ResolveTemplates(key string) []string {
	v, ok := c.values[key]
	if !ok {
		return nil
	}
	return c.resolveList(v)
}

// Path resolves a single-path key (preload, logpath, logger) against Dir.
func (c *Config) Path(key string) (string, bool) {
	v, ok := c.values[key]
	if !ok || v == "" {
		return "", false
	}
	return c.resolve(v), true
}

func (c *Config) resolveList(list string) []string {
	var out []string
	for _, t := range strings.Split(list, ";") {
		if t != "" {
			out = append(out, c.resolve(t))
		}
	}
	return out
}

func (c *Config) resolve(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(c.dir, p)
}

// FindModule looks a module up the way Lua's package.searchpath does for
// lua_path: dots in name become path separators ("a.b" -> a/b), then each
// template's every '?' is replaced and the first existing regular file
// wins. tried lists the candidates in order, the winner last. When none
// exists the error is a *NotFoundError naming every candidate.
func FindModule(templates []string, name string) (path string, tried []string, err error) {
	return find(templates, name, strings.ReplaceAll(name, ".", string(filepath.Separator)))
}

// FindService looks a Lua service up the way skynet's snlua loader reads
// luaservice: the name replaces '?' verbatim, dots included, so a service
// file may be called "my.app.lua".
func FindService(templates []string, name string) (path string, tried []string, err error) {
	return find(templates, name, name)
}

func find(templates []string, name, subst string) (string, []string, error) {
	tried := make([]string, 0, len(templates))
	for _, t := range templates {
		p := strings.ReplaceAll(t, "?", subst)
		tried = append(tried, p)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, tried, nil
		}
	}
	return "", tried, &NotFoundError{Name: name, Tried: tried}
}
