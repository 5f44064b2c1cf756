-- traceproto_main: debug TRACELOG turns tracing of one protocol on and
-- off in another service; the Go test reads the <TRACE> lines.
local skynet = require "skynet"

skynet.start(function()
	local echo = skynet.newservice("echo")
	skynet.error("ECHO " .. skynet.address(echo))
	skynet.call(echo, "debug", "TRACELOG", "lua", true)
	skynet.call(echo, "lua", "ping", "one")
	skynet.call(echo, "lua", "ping", "two")
	skynet.call(echo, "debug", "TRACELOG", "lua", false)
	skynet.error("TRACING OFF")
	skynet.call(echo, "lua", "ping", "three")
	skynet.error("DONE passed=1 failed=0")
	skynet.abort()
end)
