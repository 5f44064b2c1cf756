// Package luasvc hosts skynet Lua services (skynet's snlua) on gopher-lua.
//
// One *lua.LState per service; handlers run on pooled LState threads; the
// blocking parts of the skynet API (call, sleep, wait) are Go functions that
// park the handler's goroutine with runtime.Context.Block, so they work
// inside pcall, metamethods and iterators, which gopher-lua's coroutine
// yields do not. Compiled chunks are shared process-wide through the Host's
// code cache, like skynet's codecache. The skynet API itself stays in Lua
// (scripts/lualib/skynet.lua) on top of the Go module "skynet.core".
package luasvc
