package config

import (
	"bytes"
	"fmt"
)

// expandEnv replaces every $NAME in a config's source with the
// environment variable NAME before the source is run, as skynet does.
// NAME is one or more ASCII letters, digits or underscores (skynet's Lua
// pattern %$([%w_%d]+)); a '$' not followed by one is left alone.
//
// Like skynet this is plain text substitution: it also applies inside
// strings and comments, and the value is inserted unquoted, so write
// path = "$HOME/x" rather than path = $HOME. An unset variable is an
// error naming it, since silently inserting "" would turn a typo into a
// wrong path.
func expandEnv(src []byte, file string, getenv func(string) (string, bool)) ([]byte, error) {
	if bytes.IndexByte(src, '$') < 0 {
		return src, nil
	}
	out := make([]byte, 0, len(src))
	line := 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
		}
		j := i + 1
		for c == '$' && j < len(src) && isNameByte(src[j]) {
			j++
		}
		if j == i+1 {
			out = append(out, c)
			continue
		}
		name := string(src[i+1 : j])
		val, ok := getenv(name)
		if !ok {
			return nil, fmt.Errorf("config: %s:%d: %w: %s", file, line, ErrEnvNotSet, name)
		}
		out = append(out, val...)
		i = j - 1
	}
	return out, nil
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
