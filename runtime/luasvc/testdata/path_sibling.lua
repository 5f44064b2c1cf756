-- path_sibling: a second service for api_path.lua, to show that one
-- service's package.path is its own.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, arg)
		if cmd == "require" then
			local ok, mod = pcall(require, arg)
			skynet.retpack(ok, ok and mod.value or tostring(mod))
		elseif cmd == "proto_from" then
			skynet.retpack(require("proto").from)
		elseif cmd == "prepend" then
			package.path = arg .. ";" .. package.path
			skynet.retpack(package.path)
		end
	end)
end)
