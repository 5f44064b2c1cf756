-- exit_monitor: hears of every exit (skynet.monitor) and lists them.
local skynet = require "skynet"

local exits = {}

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
	unpack = function() end,
	dispatch = function(_, address)
		exits[#exits + 1] = skynet.address(address)
	end,
}

skynet.start(function()
	skynet.dispatch("lua", function()
		skynet.retpack(table.concat(exits, ","))
	end)
end)
