-- cluster_capecho: returns its arguments, as the echo of the captures.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(_, _, ...)
		skynet.retpack(...)
	end)
end)
