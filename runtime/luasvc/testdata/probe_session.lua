-- probe_session: records the session its first skynet.call used.
local skynet = require "skynet"

local first

skynet.start(function()
	local echo = skynet.newservice("echo")
	-- newservice is a call to .launcher, so it used the first call session
	first = skynet.genid() - 1
	skynet.dispatch("lua", function(session, source, cmd)
		skynet.retpack(first)
	end)
end)
