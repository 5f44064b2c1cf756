-- main: its start function raises, so the node exits with status 1.
local skynet = require "skynet"

skynet.start(function()
	error("main refuses to start")
end)
