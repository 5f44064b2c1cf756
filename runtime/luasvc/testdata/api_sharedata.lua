-- api_sharedata: skynet.sharedata across services, updates and sources.
local skynet = require "skynet"
local sharedata = require "skynet.sharedata"
local T = require "t"

skynet.start(function()
	sharedata.new("cfg", { max = 10, list = { 1, 2, 3 }, name = "first" })
	local reader = skynet.newservice("sharedata_reader")
	skynet.call(reader, "lua", "load")

	T.run("another service reads its copy: fields, #, pairs", function()
		local max, n, same, n2, keys = skynet.call(reader, "lua", "read")
		T.eq(max, 10, "max")
		T.eq(n, 3, "#list")
		T.eq(same, true, "list identity")
		T.eq(n2, 3, "#held list")
		T.eq(keys, "list,max,name", "keys")
	end)

	T.run("an update reaches the copy in place, keeping its tables", function()
		sharedata.update("cfg", { max = 20, list = { 4, 5, 6, 7 } })
		local max, n, same, n2, keys
		for _ = 1, 100 do
			max, n, same, n2, keys = skynet.call(reader, "lua", "read")
			if max == 20 then
				break
			end
			skynet.sleep(1)
		end
		T.eq(max, 20, "new max")
		T.eq(n, 4, "new #list")
		T.eq(same, true, "the held list is still cfg.list")
		T.eq(n2, 4, "and holds the new items")
		T.eq(keys, "list,max", "name is gone")
	end)

	T.run("source text and its globals, and a returned table", function()
		sharedata.new("src", "answer = 42\nnames = { 'a', 'b' }")
		local src = sharedata.query("src")
		T.eq(src.answer, 42, "global")
		T.eq(src.names[2], "b", "table global")
		sharedata.new("ret", "local n = ... return { n = n * 2 }", 21)
		T.eq(sharedata.query("ret").n, 42, "returned table with an argument")
		T.eq(sharedata.deepcopy("cfg", "list", 1), 4, "deepcopy of a path")
	end)

	T.run("errors: unknown names, duplicates, functions", function()
		T.fails(function() sharedata.query("nothing") end, "call failed", "unknown")
		T.fails(function() sharedata.new("cfg", {}) end, "call failed", "duplicate")
		T.fails(function() sharedata.new("fn", function() end) end, nil, "a function")
		sharedata.delete("cfg")
		T.fails(function() sharedata.deepcopy("cfg") end, "call failed", "deleted")
	end)

	T.done()
end)
