-- clusterproxy: a local stand-in for a service on another node
-- (cluster.proxy). Calls and sends to it travel to node/name unchanged.
local skynet = require "skynet"

local node, name = ...
name = tonumber(name) or name
local sender

-- The arguments are packed again for the trip: the same values, though a
-- table's hash part may travel in another order than the caller packed it.
local function forward(session, _, ...)
	local msg = skynet.pack(...)
	if session == 0 then
		skynet.send(sender, "lua", "push", name, msg)
	else
		skynet.ret(skynet.rawcall(sender, "lua", skynet.pack("req", name, msg)))
	end
end

skynet.start(function()
	local err
	sender, err = skynet.call(skynet.uniqueservice("clusterd"), "lua", "sender", node)
	assert(sender, err)
	skynet.dispatch("lua", forward)
	-- a snax object bound to this proxy (cluster.snax) sends snax messages
	skynet.register_protocol {
		name = "snax",
		id = skynet.PTYPE_SNAX,
		pack = skynet.pack,
		unpack = skynet.unpack,
		dispatch = forward,
	}
end)
