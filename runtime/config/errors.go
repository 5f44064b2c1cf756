package config

import (
	"errors"
	"strings"
)

// Sentinel errors; wrap them with context using %w.
var (
	ErrEnvNotSet      = errors.New("environment variable not set")
	ErrSyntax         = errors.New("syntax error")
	ErrScript         = errors.New("error running config")
	ErrIncludeCycle   = errors.New("include cycle")
	ErrValueType      = errors.New("value must be a string, number or boolean")
	ErrInvalidValue   = errors.New("invalid value")
	ErrUnsupported    = errors.New("not supported")
	ErrNotLuaFile     = errors.New("not a .lua file")
	ErrModuleNotFound = errors.New("module not found")
)

// NotFoundError lists every path FindModule or FindService tried, in
// order, because "not found" alone never tells a user which search path
// entry is wrong.
type NotFoundError struct {
	Name  string
	Tried []string
}

func (e *NotFoundError) Error() string {
	var b strings.Builder
	b.WriteString("config: module '" + e.Name + "' not found:")
	if len(e.Tried) == 0 {
		b.WriteString(" the search path is empty")
	}
	// One line per candidate, as Lua's package.searchpath reports them.
	for _, p := range e.Tried {
		b.WriteString("\n\tno file '" + p + "'")
	}
	return b.String()
}

// Unwrap lets errors.Is(err, ErrModuleNotFound) match.
func (e *NotFoundError) Unwrap() error { return ErrModuleNotFound }
