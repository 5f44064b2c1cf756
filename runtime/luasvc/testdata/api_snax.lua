-- api_snax: snax services (skynet.snax) with the example pingserver.
local skynet = require "skynet"
local snax = require "skynet.snax"
local T = require "t"

skynet.start(function()
	local obj = snax.newservice("pingserver", "hi")
	T.run("req calls a response function, post an accept one", function()
		T.eq(obj.req.ping("there"), "hi there", "req")
		obj.post.hello()
		T.eq(obj.req.ping(1), "hi 1", "after a post")
		T.fails(function() return obj.req.nosuch end, "no response.nosuch", "unknown function")
	end)
	T.run("uniqueservice starts one, init runs once, queryservice finds it", function()
		local a = snax.uniqueservice("pingserver", "first")
		local b = snax.uniqueservice("pingserver", "second")
		T.eq(a.handle, b.handle, "same service")
		T.eq(b.req.ping("x"), "first x", "init ran for the first caller only")
		T.eq(snax.queryservice("pingserver").handle, a.handle, "queryservice")
		T.ok(a.handle ~= obj.handle, "not the one from newservice")
	end)
	T.run("kill runs exit and ends the service", function()
		snax.kill(obj, "bye")
		T.fails(function() obj.req.ping("x") end, "call failed", "after kill")
	end)
	T.done()
end)
