-- keeper_client: calls keeper "park" and waits.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, keeper)
		if cmd == "go" then
			skynet.call(keeper, "lua", "park")
		end
	end)
end)
