-- broken_start: its start function raises on purpose.
local skynet = require "skynet"

skynet.start(function()
	error("broken_start raises in start")
end)
