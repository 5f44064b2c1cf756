package config

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Load runs the config file at path and returns its values.
//
// As in skynet, the file is Lua whose global assignments are the config;
// every $NAME in its text is first replaced by getenv(NAME) (an unset
// variable is an error naming it); include "file" runs another file,
// relative to the including file's folder, in the same table; values
// become strings (numbers through tostring, booleans as "true"/"false")
// and any other type is an error. getenv nil means os.LookupEnv.
//
// The file runs in a fresh state that sees only the base, string, table
// and math libraries. Load also rejects what the runtime cannot honour:
// daemon, a bad thread or harbor.
func Load(path string, getenv func(string) (string, bool)) (*Config, error) {
	if getenv == nil {
		getenv = os.LookupEnv
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	l := newLoader(getenv)
	defer l.L.Close()
	if err := l.run(abs, filepath.Clean(path), ""); err != nil {
		return nil, err
	}
	c, err := l.config(abs, filepath.Clean(path))
	if err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// loader is the state of one Load: the Lua state and the table the
// config's globals go to.
type loader struct {
	L      *lua.LState
	getenv func(string) (string, bool)
	libs   *lua.LTable // what reads fall back to: include and the libraries
	env    *lua.LTable // the globals table every config chunk runs with
	values map[string]lua.LValue
	order  []string
	files  []string // absolute paths being run, innermost last
	names  []string // the same files as shown in messages
}

func newLoader(getenv func(string) (string, bool)) *loader {
	L, libs := newSandbox()
	l := &loader{L: L, getenv: getenv, libs: libs, values: map[string]lua.LValue{}}
	libs.RawSetString("include", L.NewFunction(l.include))
	// The chunks' globals table stays empty so that every assignment goes
	// through __newindex: that is how assignment order is recorded, which
	// a Lua table alone does not keep.
	l.env = L.NewTable()
	mt := L.NewTable()
	mt.RawSetString("__index", L.NewFunction(l.index))
	mt.RawSetString("__newindex", L.NewFunction(l.newindex))
	mt.RawSetString("__metatable", lua.LString("config"))
	L.SetMetatable(l.env, mt)
	return l
}

func (l *loader) index(L *lua.LState) int {
	key := L.Get(2)
	if s, ok := key.(lua.LString); ok {
		if v, ok := l.values[string(s)]; ok {
			L.Push(v)
			return 1
		}
	}
	L.Push(l.libs.RawGet(key))
	return 1
}

func (l *loader) newindex(L *lua.LState) int {
	s, ok := L.Get(2).(lua.LString)
	if !ok {
		L.RaiseError("config keys must be names, got %s", L.Get(2).Type())
	}
	key, val := string(s), L.Get(3)
	_, seen := l.values[key]
	switch {
	case val == lua.LNil:
		if seen {
			delete(l.values, key)
			l.order = slices.DeleteFunc(l.order, func(k string) bool { return k == key })
		}
	case !seen:
		l.order = append(l.order, key)
		fallthrough
	default:
		l.values[key] = val
	}
	return 0
}

// include is the Lua function include "file".
func (l *loader) include(L *lua.LState) int {
	name := L.CheckString(1)
	abs, shown := name, name
	if !filepath.IsAbs(name) {
		// Relative to the including file, as skynet does, not the working
		// directory.
		abs = filepath.Join(filepath.Dir(l.files[len(l.files)-1]), name)
		shown = filepath.Join(filepath.Dir(l.names[len(l.names)-1]), name)
	}
	if err := l.run(filepath.Clean(abs), shown, L.Where(1)); err != nil {
		// Carry the Go error itself through Lua so Load can return it with
		// its sentinel intact; tostring still shows the message to a
		// config that pcalls include.
		ud := L.NewUserData()
		ud.Value = err
		mt := L.NewTable()
		mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
			L.Push(lua.LString(err.Error()))
			return 1
		}))
		L.SetMetatable(ud, mt)
		L.Error(ud, 0)
	}
	return 0
}

// run executes one file in the shared table. from locates the include
// call ("file:line: "), empty for the top-level file.
func (l *loader) run(abs, shown, from string) error {
	if i := slices.Index(l.files, abs); i >= 0 {
		chain := append(slices.Clone(l.names[i:]), shown)
		return fmt.Errorf("config: %w: %v", ErrIncludeCycle, chain)
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		if from != "" {
			return fmt.Errorf("config: %sinclude: %w", from, err)
		}
		return fmt.Errorf("config: %w", err)
	}
	if src, err = expandEnv(src, shown, l.getenv); err != nil {
		return err
	}
	fn, err := l.L.Load(bytes.NewReader(src), shown)
	if err != nil {
		return syntaxError(shown, err)
	}
	fn.Env = l.env
	l.files, l.names = append(l.files, abs), append(l.names, shown)
	defer func() {
		l.files, l.names = l.files[:len(l.files)-1], l.names[:len(l.names)-1]
	}()
	l.L.Push(fn)
	if err := l.L.PCall(0, 0, nil); err != nil {
		return scriptError(err)
	}
	return nil
}

// syntaxError rewrites gopher-lua's parse errors as file:line:col.
func syntaxError(file string, err error) error {
	// ApiError keeps the parser's error in Cause without an Unwrap method.
	var ae *lua.ApiError
	if errors.As(err, &ae) && ae.Cause != nil {
		err = ae.Cause
	}
	var pe *parse.Error
	if errors.As(err, &pe) {
		msg := ""
		if pe.Message != ErrSyntax.Error() {
			msg = ": " + pe.Message
		}
		if pe.Pos.Line == parse.EOF {
			return fmt.Errorf("config: %s: %w%s at end of file", file, ErrSyntax, msg)
		}
		return fmt.Errorf("config: %s:%d:%d: %w%s near '%s'", file, pe.Pos.Line, pe.Pos.Column, ErrSyntax, msg, pe.Token)
	}
	var ce *lua.CompileError
	if errors.As(err, &ce) {
		return fmt.Errorf("config: %s:%d: %w: %s", file, ce.Line, ErrSyntax, ce.Message)
	}
	return fmt.Errorf("config: %s: %w: %v", file, ErrSyntax, err)
}

// scriptError unwraps an error raised by include, or reports a Lua error,
// whose message already starts with file:line.
func scriptError(err error) error {
	var ae *lua.ApiError
	if errors.As(err, &ae) {
		if ud, ok := ae.Object.(*lua.LUserData); ok {
			if inner, ok := ud.Value.(error); ok {
				return inner
			}
		}
		return fmt.Errorf("config: %w: %s", ErrScript, ae.Object.String())
	}
	return fmt.Errorf("config: %w: %v", ErrScript, err)
}

// config converts the collected values the way skynet fills its env.
func (l *loader) config(abs, shown string) (*Config, error) {
	values := make(map[string]string, len(l.values))
	for _, k := range l.order {
		switch v := l.values[k].(type) {
		case lua.LString:
			values[k] = string(v)
		case lua.LNumber:
			values[k] = numberString(float64(v))
		case lua.LBool:
			values[k] = v.String()
		default:
			return nil, fmt.Errorf("config: %s: %s is a %s: %w", shown, k, v.Type(), ErrValueType)
		}
	}
	return newConfig(abs, filepath.Dir(abs), slices.Clone(l.order), values), nil
}

// numberString formats a number as real Lua's tostring does (integers
// plainly, other values with %.14g), which is what skynet stores. gopher-
// lua's own tostring prints the shortest round-trip form instead, so
// 0.1+0.2 would read "0.30000000000000004" rather than skynet's "0.3".
func numberString(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case v == math.Trunc(v) && math.Abs(v) < 1<<63:
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', 14, 64)
}
