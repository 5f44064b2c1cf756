-- hello: a small node that shows skynet's message flow in the trace.
-- It launches an echo service, makes calls and sends to it, uses the
-- datacenter, and then pings every two seconds until the node is stopped
-- (Ctrl-C). Each line of the trace is one dispatch.
local skynet = require "skynet"
local datacenter = require "skynet.datacenter"

skynet.start(function()
	local echo = skynet.newservice("hello_echo")
	for i = 1, 3 do
		skynet.error("ping", i, "->", skynet.call(echo, "lua", "ping", i))
	end
	skynet.send(echo, "lua", "note", "a one-way send has session 0")
	datacenter.set("hello", "world")
	skynet.error("datacenter hello =", datacenter.get("hello"))
	local ok, err = pcall(skynet.call, echo, "lua", "fail")
	skynet.error("a handler that raises fails the caller only:", ok, err)
	skynet.fork(function()
		local n = 0
		while true do
			skynet.sleep(200)
			n = n + 1
			skynet.call(echo, "lua", "ping", "tick " .. n)
		end
	end)
end)
