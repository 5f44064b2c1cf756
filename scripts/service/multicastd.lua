-- multicastd: the node's multicast channels (skynet.multicast). A
-- channel is a number; publishing sends one PTYPE_MULTICAST message to
-- each subscriber, from the publisher, whose body is the channel number
-- followed by the published values (both skynet.packed).
local skynet = require "skynet"

local channels = {} -- id -> { [subscriber handle] = true }
local last = 0
local CMD = {}

function CMD.NEW()
	last = last + 1
	channels[last] = {}
	return last
end

function CMD.SUB(source, id)
	local c = assert(channels[id], "multicast: no channel " .. tostring(id))
	c[source] = true
end

function CMD.USUB(source, id)
	local c = channels[id]
	if c then
		c[source] = nil
	end
end

function CMD.DEL(_, id)
	channels[id] = nil
end

-- PUB(id, msg): msg is the packed values; the publisher is the source.
function CMD.PUB(source, id, msg)
	local c = channels[id]
	if c == nil then
		return
	end
	local body = skynet.packstring(id) .. msg
	for sub in pairs(c) do
		skynet.redirect(sub, source, "multicast", 0, body)
	end
end

skynet.register_protocol {
	name = "multicast",
	id = skynet.PTYPE_MULTICAST,
}

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = assert(CMD[cmd], "multicastd: unknown command " .. tostring(cmd))
		if cmd ~= "NEW" and cmd ~= "SUB" then
			-- a node-wide bus needs no order beyond the caller's own
			f(source, ...)
			if session ~= 0 then
				skynet.ret(skynet.pack())
			end
			return
		end
		if cmd == "NEW" then
			skynet.ret(skynet.pack(f()))
		else
			f(source, ...)
			skynet.ret(skynet.pack())
		end
	end)
end)
