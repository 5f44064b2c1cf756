-- hello_echo: answers "ping" with its argument, logs "note", and raises on
-- "fail" to show that an error reaches only the caller.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, arg)
		if cmd == "ping" then
			skynet.retpack(arg)
		elseif cmd == "note" then
			skynet.error("note from " .. skynet.address(source) .. ": " .. tostring(arg))
		elseif cmd == "fail" then
			error("hello_echo was asked to fail")
		end
	end)
end)
