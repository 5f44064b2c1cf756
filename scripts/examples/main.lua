-- main: starts the example pipeline (skynet's examples/main.lua): the
-- protocol loader, a console, the debug console on 8000, simpledb, and a
-- watchdog whose gate listens on 127.0.0.1:8888. Ports can be changed with
-- the config keys gate_port and debug_port (tests use that).
local skynet = require "skynet"

local max_client = 64

skynet.start(function()
	skynet.error("Server start")
	skynet.uniqueservice("protoloader")
	if not skynet.getenv("daemon") then
		skynet.newservice("console")
	end
	skynet.newservice("debug_console", tonumber(skynet.getenv("debug_port")) or 8000)
	skynet.newservice("simpledb")
	local watchdog = skynet.newservice("watchdog")
	local addr, port = skynet.call(watchdog, "lua", "start", {
		address = skynet.getenv("gate_address") or "127.0.0.1",
		port = tonumber(skynet.getenv("gate_port")) or 8888,
		maxclient = max_client,
		nodelay = true,
		maxframe = tonumber(skynet.getenv("gate_maxframe")), -- skyconsole extension; nil = 65535
	})
	skynet.error("Watchdog listen on " .. addr .. ":" .. port)
	skynet.exit()
end)
