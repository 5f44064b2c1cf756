-- info_service: registers an info_func for debug INFO.
local skynet = require "skynet"

skynet.start(function()
	skynet.info_func(function(arg) return { arg = arg } end)
	skynet.dispatch("lua", function() skynet.retpack(true) end)
end)
