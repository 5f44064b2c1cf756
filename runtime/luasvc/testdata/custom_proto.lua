-- custom_proto: speaks a text protocol "upper" next to lua.
local skynet = require "skynet"

skynet.register_protocol {
	name = "upper",
	id = 100,
	pack = function(s) return s end,
	unpack = function(msg, sz) return msg end,
}

skynet.start(function()
	skynet.dispatch("upper", function(session, source, text)
		skynet.ret(string.upper(text))
	end)
	skynet.dispatch("lua", function(session, source, cmd)
		if cmd == "noreply_ignored" then
			skynet.ignoreret()
		elseif cmd == "noreply_forgot" then
			-- no ret and no ignoreret: skynet warns
		elseif cmd == "marker" then
			skynet.retpack(string.api_misc_marker == true)
		else
			skynet.retpack("pong")
		end
	end)
end)
