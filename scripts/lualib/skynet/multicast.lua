-- skynet.multicast: publish/subscribe channels within a node.
--
--   local mc = require "skynet.multicast"
--   local ch = mc.new()                                  a new channel
--   local sub = mc.new { channel = ch.channel, dispatch = function(channel, source, ...) end }
--   sub:subscribe()
--   ch:publish("hello", 42)                              every subscriber's dispatch runs
--   sub:unsubscribe(); ch:delete()
--
-- Messages travel as PTYPE_MULTICAST from the publisher to each
-- subscriber (through the unique service multicastd), so the trace shows
-- who published what to whom.
local skynet = require "skynet"

local multicast = {}
local service
local dispatchers = {} -- channel id -> channel object with a dispatch

local channel = {}
local channel_meta = {
	__index = channel,
	__tostring = function(self)
		return string.format("[Multicast:%x]", self.channel)
	end,
}

-- new([conf]): conf.channel joins an existing channel (else a new one is
-- made); conf.dispatch(channel, source, ...) receives its messages.
function multicast.new(conf)
	conf = conf or {}
	local self = setmetatable({ channel = conf.channel, dispatch = conf.dispatch }, channel_meta)
	if self.channel == nil then
		self.channel = skynet.call(service, "lua", "NEW")
	end
	return self
end

function channel:publish(...)
	skynet.send(service, "lua", "PUB", self.channel, skynet.pack(...))
end

function channel:subscribe()
	assert(self.dispatch, "multicast: subscribe needs a dispatch function")
	dispatchers[self.channel] = self
	skynet.call(service, "lua", "SUB", self.channel)
end

function channel:unsubscribe()
	if dispatchers[self.channel] == self then
		dispatchers[self.channel] = nil
	end
	skynet.send(service, "lua", "USUB", self.channel)
end

function channel:delete()
	skynet.send(service, "lua", "DEL", self.channel)
end

skynet.register_protocol {
	name = "multicast",
	id = skynet.PTYPE_MULTICAST,
	unpack = skynet.unpack,
	dispatch = function(_, source, id, ...)
		local c = dispatchers[id]
		if c then
			c.dispatch(c.channel, source, ...)
		end
	end,
}

skynet.init(function()
	service = skynet.uniqueservice("multicastd")
end)

return multicast
