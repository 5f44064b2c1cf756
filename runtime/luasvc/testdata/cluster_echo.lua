-- cluster_echo: the remote service of the cluster tests.
local skynet = require "skynet"

local notes = {}

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if cmd == "ping" then
			skynet.retpack(...)
		elseif cmd == "big" then
			skynet.retpack(string.rep("y", (...)))
		elseif cmd == "slow" then
			skynet.sleep((...))
			skynet.retpack("slow done")
		elseif cmd == "raise" then
			error("cluster_echo raised on purpose")
		elseif cmd == "note" then
			notes[#notes + 1] = (...)
		elseif cmd == "notes" then
			skynet.retpack(table.concat(notes, ","))
		end
	end)
end)
