-- api_monitor: skynet.monitor hears of kills and exits.
local skynet = require "skynet"
require "skynet.manager"
local T = require "t"

skynet.start(function()
	local m = skynet.monitor("exit_monitor")
	T.run("a killed and an exiting service are both reported", function()
		local a = skynet.newservice("echo")
		local b = skynet.newservice("echo")
		skynet.kill(a)
		skynet.send(b, "debug", "EXIT")
		local seen
		for _ = 1, 100 do
			seen = skynet.call(m, "lua", "exits")
			if seen:find(skynet.address(b), 1, true) then
				break
			end
			skynet.sleep(1)
		end
		T.ok(seen:find(skynet.address(a), 1, true), "killed one in " .. seen)
		T.ok(seen:find(skynet.address(b), 1, true), "exited one in " .. seen)
		T.eq(skynet.monitor("exit_monitor", true), m, "query finds the same monitor")
	end)
	T.done()
end)
