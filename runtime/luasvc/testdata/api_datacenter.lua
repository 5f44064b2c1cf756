-- api_datacenter: the semantics measured on real skynet (baseline c).
local skynet = require "skynet"
local datacenter = require "skynet.datacenter"
local T = require "t"

skynet.start(function()
	T.run("set returns the old value; get reads paths", function()
		T.eq(datacenter.set("hello", "world"), nil, "first set")
		T.eq(datacenter.get("hello"), "world", "get")
		T.eq(datacenter.set("hello", "again"), "world", "old value")
		T.eq(datacenter.set("b", "c", "d", "deep"), nil, "deep set")
		T.eq(datacenter.get("b", "c", "d"), "deep", "deep get")
		T.eq(datacenter.get("b").c.d, "deep", "branch get")
		T.eq(datacenter.get("missing"), nil, "missing")
	end)

	T.run("wait returns at once when the path has a value", function()
		T.eq(datacenter.wait("hello"), "again", "immediate")
	end)

	T.run("the first non-nil set wakes every waiter with the value", function()
		local got = {}
		for i = 1, 2 do
			skynet.fork(function() got[i] = datacenter.wait("a") end)
		end
		skynet.sleep(1)
		T.eq(got[1], nil, "still waiting")
		datacenter.set("a", 1)
		skynet.sleep(1)
		T.eq(got[1], 1, "waiter 1")
		T.eq(got[2], 1, "waiter 2")
	end)

	T.run("a nested wait wakes on the nested set; tables are copies", function()
		local deep, tbl
		skynet.fork(function() deep = datacenter.wait("x", "y", "z") end)
		skynet.fork(function() tbl = datacenter.wait("tbl") end)
		skynet.sleep(1)
		datacenter.set("x", "y", "z", "deep")
		local t = { v = 7 }
		datacenter.set("tbl", t)
		skynet.sleep(1)
		T.eq(deep, "deep", "nested")
		T.eq(tbl.v, 7, "table value")
		T.ok(tbl ~= t, "a copy")
	end)

	T.run("set to nil wakes nobody; the later non-nil set does", function()
		local got = "none"
		skynet.fork(function() got = datacenter.wait("e") end)
		skynet.sleep(1)
		datacenter.set("e", nil)
		skynet.sleep(1)
		T.eq(got, "none", "still waiting after nil")
		datacenter.set("e", 1)
		skynet.sleep(1)
		T.eq(got, 1, "woken by 1")
	end)

	T.run("a waiter on what becomes a branch gets an error", function()
		local ok, err
		skynet.fork(function() ok, err = pcall(datacenter.wait, "key") end)
		skynet.sleep(1)
		datacenter.set("key", "foobar", "bingo")
		skynet.sleep(1)
		T.eq(ok, false, "branch waiter failed")
		T.ok(string.find(tostring(err), "call failed"), "call failed")
		T.eq(datacenter.wait("key", "foobar"), "bingo", "leaf below")
	end)

	T.run("a wait below a waited key conflicts", function()
		local first
		skynet.fork(function() first = { pcall(datacenter.wait, "k") } end)
		skynet.sleep(1)
		T.fails(function() datacenter.wait("k", "x") end, "call failed", "conflicting wait")
		datacenter.set("k", "v")
		skynet.sleep(1)
		T.eq(first[2], "v", "first waiter still served")
	end)

	T.done()
end)
