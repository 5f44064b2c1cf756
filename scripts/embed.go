// Package scripts holds the Lua tree embedded in the skyconsole binary,
// laid out like skynet's (lualib/, service/, examples/, bench/) so users can
// read the services they watch. Files on the configured search paths take
// precedence over these.
package scripts

import "embed"

// FS is the embedded tree. It is read-only.
//
//go:embed lualib service examples bench/lua
var FS embed.FS
