-- dc_main: boots a debug console on the port the Go test chose (config
-- key dc_port) next to an echo service named .dcecho, then logs DC_READY.
local skynet = require "skynet"
require "skynet.manager"

skynet.start(function()
	local port = assert(skynet.getenv("dc_port"), "dc_port not set")
	local echo = skynet.newservice("echo")
	skynet.name(".dcecho", echo)
	skynet.newservice("debug_console", port)
	skynet.error("DC_READY echo=" .. skynet.address(echo))
end)
