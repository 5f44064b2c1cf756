-- idle: the smallest useful service (answers "ping").
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd)
		skynet.retpack(cmd)
	end)
end)
