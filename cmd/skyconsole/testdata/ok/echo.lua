local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, what)
		skynet.retpack(what)
	end)
end)
