-- bootstrap: the first Lua service. It starts the launcher, the harbor
-- stand-ins, DATACENTER and the unique-service manager, then the configured
-- start service, and exits. The order keeps handle numbers the same as real
-- skynet's (launcher :xx000003 ... start service after service_mgr).
local skynet = require "skynet"
require "skynet.manager"

skynet.start(function()
	local harbor = tonumber(skynet.getenv("harbor") or "0") or 0
	local launcher = assert(skynet.launch("snlua", "launcher"), "bootstrap: launcher failed")
	skynet.name(".launcher", launcher)

	local standalone = harbor == 0 or skynet.getenv("standalone") ~= nil
	if harbor == 0 then
		skynet.name(".cslave", skynet.newservice("cdummy"))
	else
		if skynet.getenv("standalone") then
			skynet.newservice("cmaster")
		end
		skynet.name(".cslave", skynet.newservice("cslave"))
	end
	skynet.launch("harbor", tostring(harbor))

	if standalone then
		skynet.name("DATACENTER", skynet.newservice("datacenterd"))
	end
	skynet.newservice("service_mgr")

	local start = skynet.getenv("start") or "main"
	local ok, err = pcall(skynet.newservice, start)
	if not ok then
		skynet.error("bootstrap: start service " .. start .. " failed: " .. tostring(err))
		-- exit status 1: the node could not start what it was asked to
		require("skynet.core").abort(1)
		return
	end
	skynet.exit()
end)
