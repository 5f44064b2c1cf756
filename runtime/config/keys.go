package config

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
)

// Defaults for the keys the runtime reads, skynet's except thread (one
// worker per usable CPU rather than skynet's fixed 8).
const (
	DefaultHarbor     = 1
	DefaultStart      = "main"
	DefaultBootstrap  = "snlua bootstrap"
	DefaultLogService = "logger"
	DefaultLuaService = "./service/?.lua"
	DefaultLuaPath    = "./lualib/?.lua;./lualib/?/init.lua"
)

// ignoredKeys name C module search paths: skyconsole loads no C code, so
// they are accepted (configs written for skynet keep working) and unused.
func ignoredKeys() []string { return []string{"cpath", "lua_cpath"} }

// Thread is the number of workers. Load has checked it is a positive
// integer when set.
func (c *Config) Thread() int {
	if n, ok := c.intValue("thread"); ok {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// Harbor is the node id, 0..255; 0 means a standalone node.
func (c *Config) Harbor() int {
	if n, ok := c.intValue("harbor"); ok {
		return n
	}
	return DefaultHarbor
}

// Start names the first Lua service the bootstrap launches.
func (c *Config) Start() string { return c.stringOr("start", DefaultStart) }

// Bootstrap is the service command line that starts the node.
func (c *Config) Bootstrap() string { return c.stringOr("bootstrap", DefaultBootstrap) }

// LogService is the logger service module; with the default "logger",
// the logger key names a file (or is unset for stdout).
func (c *Config) LogService() string { return c.stringOr("logservice", DefaultLogService) }

// LuaService gives the absolute templates where Lua services are looked
// up (key luaservice).
func (c *Config) LuaService() []string { return c.templatesOr("luaservice", DefaultLuaService) }

// LuaPath gives the absolute templates require searches (key lua_path).
func (c *Config) LuaPath() []string { return c.templatesOr("lua_path", DefaultLuaPath) }

// Preload is the absolute path of the file run before every Lua service's
// main chunk, if set.
func (c *Config) Preload() (string, bool) { return c.Path("preload") }

// LogPath is the absolute folder where per-service logs go, if set.
func (c *Config) LogPath() (string, bool) { return c.Path("logpath") }

// ClusterFile is the cluster node list (skynet's `cluster` key), resolved
// against the config's folder.
func (c *Config) ClusterFile() (string, bool) { return c.Path("cluster") }

// LogFile is the absolute file the default logger writes to. It reports
// false when logging goes to stdout (logger unset) or when a custom
// logservice is configured, whose logger value is then an argument, not a
// path.
func (c *Config) LogFile() (string, bool) {
	if c.LogService() != DefaultLogService {
		return "", false
	}
	return c.Path("logger")
}

// Ignored lists the keys that are set but have no effect here, so the
// runtime can say so instead of silently dropping them.
func (c *Config) Ignored() []string {
	var out []string
	for _, k := range ignoredKeys() {
		if _, ok := c.values[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

func (c *Config) stringOr(key, def string) string {
	if v, ok := c.values[key]; ok {
		return v
	}
	return def
}

func (c *Config) templatesOr(key, def string) []string {
	if _, ok := c.values[key]; ok {
		return c.ResolveTemplates(key)
	}
	return c.resolveList(def)
}

func (c *Config) intValue(key string) (int, bool) {
	v, ok := c.values[key]
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// validate rejects what the runtime cannot honour, at load time so a bad
// config fails before any service starts.
func (c *Config) validate() error {
	if v, ok := c.values["daemon"]; ok {
		// skynet daemonizes whenever the key is set, even to false (the
		// value is the pid file), so any value is refused.
		return fmt.Errorf("config: %s: daemon = %q: %w: skyconsole runs in the foreground; remove the key and use your service manager",
			c.file, v, ErrUnsupported)
	}
	if err := c.checkInt("thread", 1, 1<<16); err != nil {
		return err
	}
	return c.checkInt("harbor", 0, 255)
}

func (c *Config) checkInt(key string, lo, hi int) error {
	v, ok := c.values[key]
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("config: %s: %s = %q: %w: want an integer in %d..%d", c.file, key, v, ErrInvalidValue, lo, hi)
	}
	return nil
}
