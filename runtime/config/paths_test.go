package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/config"
)

// TestPathsRelativeToConfig loads a config from another working directory
// (by a relative path) and checks every path key resolves against the
// config's folder.
func TestPathsRelativeToConfig(t *testing.T) {
	root := t.TempDir()
	cfgDir := filepath.Join(root, "node")
	writeFiles(t, root, map[string]string{
		"node/main.config": `
luaservice = "./service/?.lua;;../shared/?.lua;/opt/svc/?.lua"
preload = "boot/preload.lua"
logpath = "logs"
logger = "node.log"
`,
	})
	elsewhere := filepath.Join(root, "somewhere", "else")
	if err := os.MkdirAll(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(elsewhere)
	c, err := config.Load(filepath.Join("..", "..", "node", "main.config"), envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root) // resolution must not depend on the directory at call time
	if c.Dir() != cfgDir {
		t.Fatalf("Dir = %q, want %q", c.Dir(), cfgDir)
	}
	want := []string{
		filepath.Join(cfgDir, "service", "?.lua"),
		filepath.Join(root, "shared", "?.lua"),
		filepath.Clean("/opt/svc/?.lua"),
	}
	if got := c.ResolveTemplates("luaservice"); !slices.Equal(got, want) {
		t.Errorf("ResolveTemplates = %q, want %q", got, want)
	}
	if got := c.LuaService(); !slices.Equal(got, want) {
		t.Errorf("LuaService = %q", got)
	}
	// Unset keys: nil from ResolveTemplates, skynet's default from the
	// accessor, resolved the same way.
	if got := c.ResolveTemplates("lua_path"); got != nil {
		t.Errorf("unset key gave %q", got)
	}
	wantPath := []string{filepath.Join(cfgDir, "lualib", "?.lua"), filepath.Join(cfgDir, "lualib", "?", "init.lua")}
	if got := c.LuaPath(); !slices.Equal(got, wantPath) {
		t.Errorf("LuaPath = %q, want %q", got, wantPath)
	}
	for name, got := range map[string]func() (string, bool){
		"boot/preload.lua": c.Preload, "logs": c.LogPath, "node.log": c.LogFile,
	} {
		if p, ok := got(); !ok || p != filepath.Join(cfgDir, filepath.FromSlash(name)) {
			t.Errorf("%s resolved to %q (%v)", name, p, ok)
		}
	}
}

func TestLogFile(t *testing.T) {
	t.Parallel()
	c, err := load(t, "logservice = \"snlua\"\nlogger = \"userlog\"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	// With a custom log service, logger is that service's argument.
	if p, ok := c.LogFile(); ok {
		t.Errorf("LogFile = %q with a custom logservice", p)
	}
	if c.LogService() != "snlua" {
		t.Errorf("LogService = %q", c.LogService())
	}
	c, _ = load(t, "x = 1\n", nil)
	if _, ok := c.LogFile(); ok {
		t.Error("no logger key means stdout")
	}
}

func TestIgnoredKeys(t *testing.T) {
	t.Parallel()
	c, err := load(t, "cpath = \"./cservice/?.so\"\nlua_cpath = \"./luaclib/?.so\"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Ignored(); !slices.Equal(got, []string{"cpath", "lua_cpath"}) {
		t.Errorf("Ignored = %v", got)
	}
}

func TestFindModule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"lualib/net/http.lua":  "",
		"lualib/json/init.lua": "",
		"svc/my.app.lua":       "",
	})
	must := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	luaPath := []string{must("missing/?.lua"), must("lualib/?.lua"), must("lualib/?/init.lua")}

	// Dots become folders, as package.searchpath does.
	path, tried, err := config.FindModule(luaPath, "net.http")
	if err != nil || path != must("lualib/net/http.lua") {
		t.Fatalf("FindModule = %q, %v", path, err)
	}
	if want := []string{must("missing/net/http.lua"), path}; !slices.Equal(tried, want) {
		t.Errorf("tried = %q, want %q", tried, want)
	}
	if path, _, err := config.FindModule(luaPath, "json"); err != nil || path != must("lualib/json/init.lua") {
		t.Errorf("init.lua lookup = %q, %v", path, err)
	}
	// A folder is not a module.
	if _, _, err := config.FindModule(luaPath[1:2], "net"); !errors.Is(err, config.ErrModuleNotFound) {
		t.Errorf("folder matched: %v", err)
	}

	// Services replace '?' verbatim.
	svc := []string{must("svc/?.lua")}
	if path, _, err := config.FindService(svc, "my.app"); err != nil || path != must("svc/my.app.lua") {
		t.Errorf("FindService = %q, %v", path, err)
	}
}

// TestFindModuleNotFound is the acceptance requirement: the error names
// every path tried.
func TestFindModuleNotFound(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	templates := []string{
		filepath.Join(dir, "service", "?.lua"),
		filepath.Join(dir, "examples", "?.lua"),
		filepath.Join(dir, "lib", "?", "init.lua"),
	}
	_, tried, err := config.FindModule(templates, "game.lobby")
	var nf *config.NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, config.ErrModuleNotFound) {
		t.Fatalf("err = %v, want *NotFoundError", err)
	}
	want := []string{
		filepath.Join(dir, "service", "game", "lobby.lua"),
		filepath.Join(dir, "examples", "game", "lobby.lua"),
		filepath.Join(dir, "lib", "game", "lobby", "init.lua"),
	}
	if !slices.Equal(tried, want) || !slices.Equal(nf.Tried, want) {
		t.Fatalf("tried = %q, want %q", tried, want)
	}
	for _, p := range want {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not name %s:\n%v", p, err)
		}
	}
	if !strings.Contains(err.Error(), "game.lobby") {
		t.Errorf("error does not name the module: %v", err)
	}
	if _, _, err := config.FindService(nil, "x"); !errors.Is(err, config.ErrModuleNotFound) {
		t.Errorf("empty search path: %v", err)
	}
}

func TestFromStartFile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"app/main.lua": "", "app/helper.lua": "", "notes.txt": ""})
	if err := os.Mkdir(filepath.Join(root, "dir.lua"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	c, err := config.FromStartFile(filepath.Join("app", "main.lua"))
	if err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(root, "app")
	if c.Start() != "main" || c.Dir() != app || c.File() != filepath.Join(app, "main.lua") {
		t.Errorf("start %q dir %q file %q", c.Start(), c.Dir(), c.File())
	}
	if got := c.LuaService(); !slices.Equal(got, []string{filepath.Join(app, "?.lua")}) {
		t.Errorf("LuaService = %q", got)
	}
	if p, _, err := config.FindService(c.LuaService(), "helper"); err != nil || p != filepath.Join(app, "helper.lua") {
		t.Errorf("sibling service: %q %v", p, err)
	}
	if !slices.Equal(c.Keys(), []string{"start", "luaservice"}) {
		t.Errorf("Keys = %v", c.Keys())
	}
	for path, want := range map[string]error{
		"notes.txt":      config.ErrNotLuaFile,
		"dir.lua":        config.ErrNotLuaFile,
		"app/absent.lua": os.ErrNotExist,
		".lua":           config.ErrNotLuaFile,
	} {
		if _, err := config.FromStartFile(path); !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", path, err, want)
		}
	}
}
