-- cslave: single-node stand-in for skynet's harbor slave. Global names
-- resolve locally; other harbors are not connected (a dead letter says so).
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if session ~= 0 then
			skynet.ret(skynet.pack(nil))
		end
	end)
end)
