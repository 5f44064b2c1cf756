-- spinner: "spin" never returns on its own.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd)
		if cmd == "spin" then
			local n = 0
			while true do
				n = n + 1
			end
		end
		skynet.retpack("pong")
	end)
end)
