-- keeper: parks one request and answers it when told to.
local skynet = require "skynet"

local reply

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd)
		if cmd == "park" then
			reply = skynet.response()
		elseif cmd == "answer" then
			skynet.retpack(reply(true, "late"))
		end
	end)
end)
