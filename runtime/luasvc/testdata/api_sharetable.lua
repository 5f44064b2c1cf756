-- api_sharetable: skynet.sharetable over sharedatad.
local skynet = require "skynet"
local sharetable = require "skynet.sharetable"
local T = require "t"

skynet.start(function()
	T.run("load a file, a string and a table; query them", function()
		local path = (SERVICE_PATH:gsub("api_sharetable%.lua$", "sharetable_items.lua"))
		sharetable.loadfile(path)
		T.eq(sharetable.query(path).sword.price, 10, "from the file")
		sharetable.loadstring("nums", "local k = ... return { k, k * 2 }", 21)
		T.eq(sharetable.query("nums")[2], 42, "from source with an argument")
		sharetable.loadtable("t", { a = 1 })
		local all = sharetable.queryall({ "nums", "t" })
		T.eq(all.t.a, 1, "queryall")
	end)
	T.run("loading again replaces the table", function()
		sharetable.loadtable("t", { a = 2 })
		T.eq(sharetable.query("t").a, 2, "new table")
		T.fails(function() sharetable.query("none") end, "call failed", "unknown name")
	end)
	T.done()
end)
