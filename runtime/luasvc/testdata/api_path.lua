-- api_path: require honours a service's own changes to package.path, as
-- skynet's examples/protoloader.lua relies on (it prepends
-- "./examples/?.lua"). Relative entries resolve against the working
-- directory, like Lua's searcher: go test runs in runtime/luasvc.
local default_path = package.path
package.path = "./testdata/pathmods/?.lua;" .. package.path

local skynet = require "skynet"
local T = require "t"
local proto = require "proto"

skynet.start(function()
	T.run("a relative entry added in the main chunk is searched first", function()
		T.eq(proto.from, "pathmods", "proto shadows the embedded examples/proto.lua")
		T.eq(require("pathonly").value, "pathonly", "pathonly")
		T.eq(require("sub.deep").value, "deep", "dotted name")
		T.eq(require("lpath_cfgmod").value, "lua_path", "the configured lua_path still follows")
		T.ok(require("sprotoparser").parse, "the embedded lualib still follows")
	end)

	T.run("a missing module names the resolved candidates", function()
		local err = T.fails(function() require "nosuch_mod" end, "not found")
		T.ok(string.find(err, "/testdata/pathmods/nosuch_mod.lua", 1, true), "relative entry resolved: " .. err)
		T.ok(not string.find(err, "./testdata", 1, true), "no relative candidate left: " .. err)
		T.ok(string.find(err, "/testdata/nosuch_mod.lua", 1, true), "lua_path candidate: " .. err)
		T.ok(string.find(err, "(embedded) lualib/nosuch_mod.lua", 1, true), "embedded candidate: " .. err)
	end)

	T.run("another service keeps its own package.path", function()
		local sib = skynet.newservice("path_sibling")
		local ok, why = skynet.call(sib, "lua", "require", "pathonly")
		T.eq(ok, false, "pathonly is not on the sibling's path")
		T.ok(string.find(why, "not found", 1, true), "sibling error: " .. tostring(why))
		T.eq(skynet.call(sib, "lua", "proto_from"), nil, "the sibling gets the embedded proto")
		skynet.call(sib, "lua", "prepend", "./testdata/pathmods/?.lua")
		T.eq(select(2, skynet.call(sib, "lua", "require", "pathonly")), "pathonly", "after its own edit")
	end)

	T.run("a replaced path drops lua_path but keeps the embedded tree", function()
		local saved = package.path
		package.path = "./testdata/pathmods/?.lua"
		package.loaded.lpath_cfgmod = nil
		T.fails(function() require "lpath_cfgmod" end, "not found")
		T.ok(require("skynet.coroutine").thread, "embedded lualib module")
		T.eq(require("pathonly").value, "pathonly", "cached module")
		package.path = saved
		T.eq(require("lpath_cfgmod").value, "lua_path", "back on the path")
	end)

	T.run("an absolute entry finds the same file", function()
		local dir = string.match(default_path, "^([^;]*/)%?%.lua")
		T.ok(dir and string.sub(dir, 1, 1) == "/", "configured lua_path is absolute: " .. default_path)
		local saved = package.path
		package.path = dir .. "pathmods/?.lua;" .. saved
		package.loaded.pathonly = nil
		T.eq(require("pathonly").value, "pathonly", "absolute template")
		package.path = saved
	end)

	T.run("package.path must be a string", function()
		local saved = package.path
		package.path = 42
		T.fails(function() require "another_missing" end, "'package.path' must be a string")
		package.path = saved
	end)

	T.run("the modules skynet's examples require exist under their names", function()
		for _, name in ipairs { "skynet.manager", "skynet.socket", "sproto", "sprotoparser", "sprotoloader", "snax.gateserver" } do
			T.eq(type(require(name)), "table", name)
		end
		-- older skynet (examples/watchdog.lua among it) says "netpack"
		T.eq(require("netpack"), require("skynet.netpack"), "netpack is skynet.netpack")
	end)

	T.run("the default path is the configured lua_path, then the embedded lualib", function()
		T.ok(string.find(default_path, "(embedded)/lualib/?.lua", 1, true), default_path)
		T.eq(string.sub(default_path, 1, 1), "/", "configured entries are absolute")
	end)

	T.done()
end)
