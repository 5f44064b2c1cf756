-- cdummy: stands in for the harbor slave in single-node mode (harbor = 0).
-- Remote addresses are not reachable; cluster work goes through clusterd.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if session ~= 0 then
			skynet.ret(skynet.pack(nil))
		end
	end)
end)
