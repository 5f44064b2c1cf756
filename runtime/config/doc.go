// Package config loads skynet-style config files.
//
// A config is a Lua file of global assignments, exactly as skynet reads
// it:
//
//	root = "./"
//	thread = 8
//	start = "main"
//	luaservice = root .. "service/?.lua;" .. root .. "examples/?.lua"
//	logpath = "$LOG_DIR"          -- replaced from the environment
//	include "common.config"       -- relative to this file's folder
//
// Before a file runs, every $NAME in its text is replaced by the
// environment variable NAME; an unset variable is an error that names it.
// The file runs in a fresh Lua state that sees only the base, string,
// table and math libraries. Values are kept as the strings skynet's env
// would hold: numbers through tostring, booleans as "true"/"false";
// tables and functions are rejected.
//
// One deliberate difference from skynet: relative paths in the search-path
// keys (luaservice, lua_path, preload, logpath, logger, cluster) resolve against
// the config file's folder rather than the working directory, so a node
// starts the same way from anywhere. FindModule and FindService then look
// names up in those templates and, on failure, list every path tried.
//
// FromStartFile builds the config for `skyconsole run main.lua`, where a
// single Lua file is both the start service and the place to look for
// others.
package config
