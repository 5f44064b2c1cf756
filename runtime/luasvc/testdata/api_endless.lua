-- api_endless: a handler stuck in an endless loop is reported, and a
-- signal interrupts it without killing the service or the node.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	local spinner = skynet.newservice("spinner")
	skynet.error("SPINNER " .. skynet.address(spinner))
	local result
	skynet.fork(function()
		result = { pcall(skynet.call, spinner, "lua", "spin") }
	end)
	while result == nil do
		skynet.sleep(5)
	end
	T.run("the interrupted caller gets an error", function()
		T.eq(result[1], false, "call failed")
	end)
	T.run("the interrupted service still answers", function()
		T.eq(skynet.call(spinner, "lua", "ping"), "pong", "ping")
	end)
	T.done()
end)
