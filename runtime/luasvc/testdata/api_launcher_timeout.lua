-- api_launcher_timeout: the launcher's STAT and MEM do not wait for ever on
-- a service stuck in a loop: it shows as TIMEOUT, the others answer, and
-- the stuck service is then interrupted and answers again.
local skynet = require "skynet"
local core = require "skynet.core"
local T = require "t"

skynet.start(function()
	local echo = skynet.newservice("echo")
	local spinner = skynet.newservice("spinner")
	skynet.send(spinner, "lua", "spin")
	skynet.sleep(2) -- let it enter the loop

	T.run("STAT marks the stuck service TIMEOUT and answers the rest", function()
		local stat = skynet.call(".launcher", "lua", "STAT", 20)
		T.eq(stat[skynet.address(spinner)], "TIMEOUT (snlua spinner)", "spinner")
		T.eq(type(stat[skynet.address(echo)]), "table", "echo's stat")
	end)

	T.run("MEM likewise", function()
		local mem = skynet.call(".launcher", "lua", "MEM", 20)
		T.eq(mem[skynet.address(spinner)], "TIMEOUT (snlua spinner)", "spinner")
		T.ok(string.find(mem[skynet.address(echo)], "Kb %(snlua echo%)"), "echo's mem")
	end)

	core.signal(spinner, 0)
	T.run("after the signal the service answers again", function()
		local stat = skynet.call(".launcher", "lua", "STAT")
		T.eq(type(stat[skynet.address(spinner)]), "table", "spinner's stat")
	end)
	T.done()
end)
