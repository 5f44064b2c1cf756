-- sharedata_reader: queries "cfg" once and answers questions about its
-- copy, so the test can watch an update arrive in another service.
local skynet = require "skynet"
local sharedata = require "skynet.sharedata"

local cfg
local list

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd)
		if cmd == "load" then
			cfg = sharedata.query("cfg")
			list = cfg.list
			skynet.retpack(true)
		elseif cmd == "read" then
			local keys = {}
			for k in pairs(cfg) do
				keys[#keys + 1] = tostring(k)
			end
			table.sort(keys)
			skynet.retpack(cfg.max, #cfg.list, list == cfg.list, #list, table.concat(keys, ","))
		end
	end)
end)
