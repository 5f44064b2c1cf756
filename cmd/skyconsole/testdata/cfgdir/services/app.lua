-- main: calls a helper service, then aborts the node with status 0.
local skynet = require "skynet"

skynet.start(function()
	local echo = skynet.newservice("echo")
	skynet.error("echo says", skynet.call(echo, "lua", "hello"))
	skynet.abort()
end)
