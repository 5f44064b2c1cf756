-- call_loop: `calls` round trips to an echo service, between two markers.
local skynet = require "skynet"

skynet.start(function()
	local n = tonumber(skynet.getenv("calls")) or 1000
	local echo = skynet.newservice("idle")
	for i = 1, 1000 do
		skynet.call(echo, "lua", "ping")
	end
	skynet.error("CALL_READY")
	for i = 1, n do
		skynet.call(echo, "lua", "ping", i, "x")
	end
	skynet.error("CALL_DONE")
	skynet.abort()
end)
