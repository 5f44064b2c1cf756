-- echo: the callee most tests talk to.
local skynet = require "skynet"

local count = 0
local parked = {}

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if cmd == "ping" then
			skynet.retpack(...)
		elseif cmd == "raw" then
			skynet.ret(skynet.pack(...))
		elseif cmd == "inc" then
			count = count + 1
		elseif cmd == "count" then
			skynet.retpack(count)
		elseif cmd == "raise" then
			error("echo raised on purpose")
		elseif cmd == "noreply" then
			-- deliberately no ret: the caller would wait forever in skynet
		elseif cmd == "later" then
			local reply = skynet.response()
			parked[#parked + 1] = reply
		elseif cmd == "flush" then
			local n = #parked
			for i, reply in ipairs(parked) do
				reply(true, "later", i)
			end
			parked = {}
			skynet.retpack(n)
		elseif cmd == "refuse" then
			local reply = skynet.response()
			reply(false)
		elseif cmd == "sleep" then
			skynet.sleep(...)
			skynet.retpack("slept")
		elseif cmd == "wait" then
			skynet.wait()
			skynet.retpack("woken")
		elseif cmd == "exit" then
			skynet.exit()
		elseif cmd == "source" then
			skynet.retpack(source, session)
		end
	end)
end)
