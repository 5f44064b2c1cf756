-- late_unique: a unique service started after someone queried it.
local skynet = require "skynet"
skynet.start(function()
	skynet.dispatch("lua", function() skynet.retpack(true) end)
end)
