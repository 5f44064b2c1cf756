package config

import "slices"

// Config is a loaded skynet-style config: string values in the order the
// file first assigned them, and the folder relative paths resolve from.
// It is immutable once built, so it can be shared between services.
type Config struct {
	file   string // absolute path of the file it came from
	dir    string // absolute folder of that file
	keys   []string
	values map[string]string
}

// newConfig builds a Config from values already converted to strings.
func newConfig(file, dir string, keys []string, values map[string]string) *Config {
	return &Config{file: file, dir: dir, keys: keys, values: values}
}

// Get returns the value of key as skynet's env would hold it.
func (c *Config) Get(key string) (string, bool) {
	v, ok := c.values[key]
	return v, ok
}

// Keys lists every key in first-assignment order (included files'
// assignments appear where the include ran).
func (c *Config) Keys() []string {
	return slices.Clone(c.keys)
}

// File is the absolute path of the config or start file.
func (c *Config) File() string { return c.file }

// Dir is the absolute folder of File; relative paths in search-path keys
// resolve against it.
func (c *Config) Dir() string { return c.dir }
