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

// writeFiles creates files (slash-separated names) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// load writes a single config file and loads it.
func load(t *testing.T, src string, env map[string]string) (*config.Config, error) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.config": src})
	return config.Load(filepath.Join(dir, "main.config"), envOf(env))
}

func mustGet(t *testing.T, c *config.Config, key, want string) {
	t.Helper()
	if got, ok := c.Get(key); !ok || got != want {
		t.Errorf("%s = %q (set %v), want %q", key, got, ok, want)
	}
}

func TestEnvSubstitution(t *testing.T) {
	t.Parallel()
	c, err := load(t, "home = \"$APP_HOME/x\"\nport = $PORT\nprice = \"$\"\nlabel = \"$-\"\n",
		map[string]string{"APP_HOME": "/srv/app", "PORT": "8888"})
	if err != nil {
		t.Fatal(err)
	}
	mustGet(t, c, "home", "/srv/app/x")
	mustGet(t, c, "port", "8888")
	mustGet(t, c, "price", "$") // a '$' without a name is left alone
	mustGet(t, c, "label", "$-")
}

func TestEnvUnset(t *testing.T) {
	t.Parallel()
	// Substitution is textual, as in skynet, so a comment counts too.
	_, err := load(t, "thread = 2\n-- see $NO_SUCH_VAR\n", nil)
	if !errors.Is(err, config.ErrEnvNotSet) {
		t.Fatalf("err = %v, want ErrEnvNotSet", err)
	}
	for _, want := range []string{"NO_SUCH_VAR", "main.config:2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestInclude(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.config":             "a = 1\ninclude \"conf/common.config\"\nc = b .. \"!\"\n",
		"conf/common.config":      "b = \"common\"\ninclude \"deeper/last.config\"\n",
		"conf/deeper/last.config": "d = \"$WHO\"\n",
	})
	c, err := config.Load(filepath.Join(dir, "main.config"), envOf(map[string]string{"WHO": "me"}))
	if err != nil {
		t.Fatal(err)
	}
	// Each include resolves from the including file's folder.
	if got, want := c.Keys(), []string{"a", "b", "d", "c"}; !slices.Equal(got, want) {
		t.Fatalf("Keys = %v, want %v", got, want)
	}
	mustGet(t, c, "c", "common!")
	mustGet(t, c, "d", "me")
}

func TestIncludeErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"cycle.config":   "include \"other.config\"\n",
		"other.config":   "include \"cycle.config\"\n",
		"missing.config": "x = 1\ninclude \"nope.config\"\n",
		"env.config":     "include \"needs.config\"\n",
		"needs.config":   "x = \"$UNSET_IN_INCLUDE\"\n",
	})
	tests := []struct {
		file string
		is   error
		says []string
	}{
		{"cycle.config", config.ErrIncludeCycle, []string{"cycle.config", "other.config"}},
		{"missing.config", os.ErrNotExist, []string{"nope.config", "missing.config:2"}},
		// The sentinel survives being raised through Lua.
		{"env.config", config.ErrEnvNotSet, []string{"UNSET_IN_INCLUDE", "needs.config:1"}},
	}
	for _, tt := range tests {
		_, err := config.Load(filepath.Join(dir, tt.file), envOf(nil))
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: err = %v, want %v", tt.file, err, tt.is)
			continue
		}
		for _, s := range tt.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q does not mention %q", tt.file, err, s)
			}
		}
	}
}

func TestValueConversion(t *testing.T) {
	t.Parallel()
	c, err := load(t, `
thread = 8
ratio = 0.5
sum = 0.1 + 0.2
big = 2^53
neg = -3
yes = true
no = false
name = "x" .. 1
gone = "soon"
gone = nil
again = 1
again = 2
local tmp = {1, 2}  -- locals are not config keys
joined = table.concat(tmp, ";") .. string.format("%03d", 7) .. math.max(1, 4)
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"thread": "8", "ratio": "0.5", "sum": "0.3", "big": "9007199254740992", "neg": "-3",
		"yes": "true", "no": "false", "name": "x1", "again": "2", "joined": "1;20074",
	} {
		mustGet(t, c, k, want)
	}
	if _, ok := c.Get("gone"); ok {
		t.Error("a key assigned nil must disappear")
	}
	// A reassigned key keeps its first position.
	want := []string{"thread", "ratio", "sum", "big", "neg", "yes", "no", "name", "again", "joined"}
	if got := c.Keys(); !slices.Equal(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
}

func TestRejectedValues(t *testing.T) {
	t.Parallel()
	for src, key := range map[string]string{
		"paths = {\"a\", \"b\"}\n":   "paths",
		"hook = function() end\n":    "hook",
		"x = 1\nnested = {a = {}}\n": "nested",
	} {
		_, err := load(t, src, nil)
		if !errors.Is(err, config.ErrValueType) || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: err = %v, want ErrValueType naming %s", src, err, key)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	t.Parallel()
	_, err := load(t, "thread = 8\nstart = = \"main\"\n", nil)
	if !errors.Is(err, config.ErrSyntax) {
		t.Fatalf("err = %v, want ErrSyntax", err)
	}
	if !strings.Contains(err.Error(), "main.config:2:") {
		t.Errorf("error %q lacks file:line", err)
	}
	_, err = load(t, "x = \"unterminated\n", nil)
	if !errors.Is(err, config.ErrSyntax) || !strings.Contains(err.Error(), "main.config") {
		t.Errorf("unterminated string: %v", err)
	}
}

func TestScriptError(t *testing.T) {
	t.Parallel()
	_, err := load(t, "a = 1\nb = undefined_thing .. \"x\"\n", nil)
	if !errors.Is(err, config.ErrScript) || !strings.Contains(err.Error(), "main.config:2") {
		t.Fatalf("err = %v, want ErrScript at main.config:2", err)
	}
}

func TestSandbox(t *testing.T) {
	t.Parallel()
	c, err := load(t, `
hidden = tostring(os) .. tostring(io) .. tostring(require) .. tostring(dofile) ..
	tostring(loadfile) .. tostring(load) .. tostring(getfenv) .. tostring(print) ..
	tostring(package) .. tostring(debug) .. tostring(_G)
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustGet(t, c, "hidden", strings.Repeat("nil", 11))
}

func TestDaemonRejected(t *testing.T) {
	t.Parallel()
	for _, v := range []string{`"./skynet.pid"`, "false"} {
		_, err := load(t, "daemon = "+v+"\n", nil)
		if !errors.Is(err, config.ErrUnsupported) || !strings.Contains(err.Error(), "daemon") {
			t.Errorf("daemon = %s: err = %v, want ErrUnsupported", v, err)
		}
	}
}

func TestThreadAndHarbor(t *testing.T) {
	t.Parallel()
	c, err := load(t, "x = 1\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Thread() < 1 || c.Harbor() != config.DefaultHarbor || c.Start() != "main" || c.Bootstrap() != "snlua bootstrap" {
		t.Errorf("defaults: thread %d harbor %d start %q bootstrap %q", c.Thread(), c.Harbor(), c.Start(), c.Bootstrap())
	}
	for _, src := range []string{"thread = 0\n", "thread = \"many\"\n", "thread = 1.5\n", "harbor = 256\n", "harbor = -1\n"} {
		if _, err := load(t, src, nil); !errors.Is(err, config.ErrInvalidValue) {
			t.Errorf("%q: err = %v, want ErrInvalidValue", src, err)
		}
	}
}
