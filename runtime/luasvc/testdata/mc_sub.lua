-- mc_sub: subscribes to a multicast channel and keeps what arrives.
local skynet = require "skynet"
local mc = require "skynet.multicast"

local got = {}
local sub

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, channel)
		if cmd == "init" then
			sub = mc.new {
				channel = channel,
				dispatch = function(ch, source, ...)
					got[#got + 1] = string.format("%d %s %s", ch, skynet.address(source), table.concat({ ... }, "+"))
				end,
			}
			sub:subscribe()
			skynet.retpack(true)
		elseif cmd == "unsub" then
			sub:unsubscribe()
			skynet.retpack(true)
		elseif cmd == "got" then
			skynet.retpack(table.concat(got, ";"))
		end
	end)
end)
