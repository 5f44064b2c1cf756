-- args_echo: returns the arguments it was launched with.
local skynet = require "skynet"
local args = { ... }

skynet.start(function()
	skynet.dispatch("lua", function()
		skynet.retpack(table.unpack(args))
	end)
end)
