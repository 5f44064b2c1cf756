-- service_cell: runs a function given to skynet.service's new as a
-- service of its own (see lualib/skynet/service.lua).
local skynet = require "skynet"
local c = require "skynet.core"

local name = ...

skynet.start(function()
	local main, args = c.cell(name)
	main(skynet.unpack(args))
end)
