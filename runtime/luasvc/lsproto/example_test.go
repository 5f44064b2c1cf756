package lsproto_test

import (
	"io/fs"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
	"github.com/skyconsole/skyconsole/scripts"
)

// A plain gopher-lua state with "sproto.core" and the embedded sproto.lua:
// a client asks "get", the server answers through the responder dispatch
// handed it.
func Example() {
	L := lua.NewState()
	defer L.Close()
	open := lsproto.Open(&lsproto.Store{})
	L.PreloadModule("sproto.core", func(L *lua.LState) int { return open(nil, L) })
	src, _ := fs.ReadFile(scripts.FS, "lualib/sproto.lua")
	mod, _ := L.LoadString(string(src))
	L.SetField(L.GetField(L.GetGlobal("package"), "preload"), "sproto", mod)

	err := L.DoString(`
		local sproto = require "sproto"
		local sp = sproto.parse [[
			.package { type 0 : integer  session 1 : integer }
			get 2 {
				request { what 0 : string }
				response { result 0 : string }
			}
		]]
		local server, client = sp:host(), sp:host()
		local request = client:attach(sp)

		local pkt = request("get", { what = "hello" }, 1)
		local kind, name, args, respond = server:dispatch(pkt)
		print(kind, name, args.what)

		local kind, session, result = client:dispatch(respond { result = "world" })
		print(kind, session, result.result)
	`)
	if err != nil {
		panic(err)
	}
	// Output:
	// REQUEST	get	hello
	// RESPONSE	1	world
}
