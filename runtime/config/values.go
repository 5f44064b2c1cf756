package config

import (
	"os"
	"sort"
	"strconv"
)

// FromValues builds a config from key/value pairs without a file, with
// relative paths resolving against dir (tests and embedded setups).
func FromValues(dir string, values map[string]string) *Config {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	copied := make(map[string]string, len(values))
	for k, v := range values {
		copied[k] = v
	}
	return newConfig("", dir, keys, copied)
}

// Embedded is the config of a node that runs only the embedded script
// tree: start names a service under the embedded service/, examples/ or
// bench/ folders. Search paths are empty so nothing on disk is picked up.
func Embedded(start string, harbor int) *Config {
	dir, _ := os.Getwd()
	return FromValues(dir, map[string]string{
		"start":      start,
		"harbor":     strconv.Itoa(harbor),
		"luaservice": "",
		"lua_path":   "",
		// like skynet's examples/config: this node is its own harbor master
		"standalone": "127.0.0.1:2013",
	})
}
