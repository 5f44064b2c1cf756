-- simpledb ("SIMPLEDB"): a key/value table. GET key -> value;
-- SET key value -> previous value; a PING send is logged.
local skynet = require "skynet"

local db = {}
local command = {}

function command.GET(key)
	return db[key]
end

function command.SET(key, value)
	local previous = db[key]
	db[key] = value
	return previous
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		cmd = string.upper(cmd)
		if cmd == "PING" then
			assert(session == 0, "PING is a send")
			local text = tostring((...))
			if #text > 20 then
				text = text:sub(1, 20) .. "...(" .. #text .. ")"
			end
			skynet.error(string.format("%s ping %s", skynet.address(source), text))
			return
		end
		local f = command[cmd]
		if f == nil then
			error("simpledb: unknown command " .. tostring(cmd))
		end
		skynet.ret(skynet.pack(f(...)))
	end)
	skynet.register("SIMPLEDB")
end)
