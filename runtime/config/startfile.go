package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FromStartFile is the config of `skyconsole run main.lua`: no config
// file, the given Lua file is the start service, and its folder is where
// services are looked up (start = base name without .lua, luaservice =
// folder/?.lua). Everything else takes its default.
func FromStartFile(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	base := filepath.Base(abs)
	start, ok := strings.CutSuffix(base, ".lua")
	if !ok || start == "" {
		return nil, fmt.Errorf("config: %s: %w", path, ErrNotLuaFile)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("config: %s: %w", path, ErrNotLuaFile)
	}
	dir := filepath.Dir(abs)
	values := map[string]string{
		"start":      start,
		"luaservice": filepath.Join(dir, "?.lua"),
	}
	return newConfig(abs, dir, []string{"start", "luaservice"}, values), nil
}
