-- api_harbor: skynet.harbor on a one-harbor node.
local skynet = require "skynet"
local harbor = require "skynet.harbor"
local T = require "t"

skynet.start(function()
	local echo = skynet.newservice("echo")
	T.run("globalname and queryname", function()
		harbor.globalname("ECHO_G", echo)
		T.eq(harbor.queryname("ECHO_G"), echo, "queryname")
		T.eq(skynet.call("ECHO_G", "lua", "ping", "by global name"), "by global name", "call by name")
		T.eq(harbor.queryname("NOBODY"), nil, "unknown")
		T.fails(function() harbor.globalname(".local", echo) end, "global name", "a local name")
	end)
	T.run("connect to this harbor returns, to another raises", function()
		harbor.connect(skynet.harbor(skynet.self()))
		T.fails(function() harbor.connect(7) end, "one harbor", "other harbor")
	end)
	T.run("link to another harbor returns at once", function()
		harbor.link(7)
	end)
	T.done()
end)
