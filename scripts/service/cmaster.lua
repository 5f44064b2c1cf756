-- cmaster: single-node stand-in for skynet's harbor master, kept so that
-- handle numbers match a real skynet node started with the same config.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if session ~= 0 then
			skynet.ret(skynet.pack(nil))
		end
	end)
end)
