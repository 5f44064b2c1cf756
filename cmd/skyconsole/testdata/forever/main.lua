-- main: runs until the node is stopped.
local skynet = require "skynet"

skynet.start(function()
	skynet.error("RUNNING")
	while true do
		skynet.sleep(100)
	end
end)
