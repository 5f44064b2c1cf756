-- snaxd: runs one snax service (skynet.snax). The service file's
-- functions answer PTYPE_SNAX messages by number: init, exit, then its
-- accept (posts, no answer) and response (requests) functions.
local skynet = require "skynet"
local snax = require "skynet.snax"

local name = ...
SERVICE_NAME_SNAX = name

-- the service's own globals, reads falling through to this service's
local env = setmetatable({}, { __index = _G })
local si = snax.load(name, env)
local started = false

local function dispatch(session, source, id, ...)
		local fn = si.funcs[id]
		if fn == nil then
			error(string.format("snax %s: no function %s", name, tostring(id)))
		end
		if fn.group == "accept" then
			fn.f(...)
		elseif fn.group == "response" then
			skynet.ret(skynet.pack(fn.f(...)))
		elseif fn.name == "init" then
			if not started then -- a unique service's later callers
				started = true
				if fn.f then
					fn.f(...)
				end
			end
			skynet.ret()
		elseif fn.name == "exit" then
			if fn.f then
				fn.f(...)
			end
			skynet.ret()
			skynet.exit()
		else
			error(string.format("snax %s: %s is not supported", name, fn.name))
		end
end

skynet.start(function()
	skynet.dispatch("snax", dispatch)
	-- calls that came through a cluster arrive as lua messages (same body)
	skynet.dispatch("lua", dispatch)
end)
