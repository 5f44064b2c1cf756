-- clusteragent: serves one connection from another node. Each request is
-- handled in its own task, so a slow service does not hold up the others
-- and answers go back in the order they are ready, tagged with their
-- session. Addresses: a handle, "@name" (cluster.register), any other
-- string is a local service name, and 0 asks for the handle of a name.
local skynet = require "skynet"
local c = require "skynet.core"
local core = require "cluster.core"
local driver = require "skynet.socketdriver"

local clusterd, gate, fd = ...
clusterd, fd = tonumber(clusterd), tonumber(fd)
gate = tonumber(gate)

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
	unpack = skynet.tostring,
}

local reader = core.requestreader()

local function answer(session, ok, data)
	for _, f in ipairs(core.packresponse(session, ok, data)) do
		driver.send(fd, f)
	end
end

-- target turns a request address into something rawcall takes, or nil.
local function target(addr)
	if type(addr) == "number" then
		return addr
	end
	if string.sub(addr, 1, 1) == "@" then
		return skynet.call(clusterd, "lua", "queryname", string.sub(addr, 2))
	end
	return addr
end

local function request(addr, session, payload, is_push)
	if addr == 0 then
		local name = skynet.unpack(payload)
		local h = skynet.call(clusterd, "lua", "queryname", name)
		if h then
			answer(session, true, skynet.packstring(h))
		else
			answer(session, false, "name not found")
		end
		return
	end
	local to = target(addr)
	if to == nil then
		if is_push then
			skynet.error(string.format("cluster: push to unknown name %s dropped", tostring(addr)))
		else
			answer(session, false, "Invalid name")
		end
		return
	end
	if is_push then
		skynet.rawsend(to, "lua", payload)
		return
	end
	local ok, msg = pcall(skynet.rawcall, to, "lua", payload)
	if ok then
		answer(session, true, msg)
	else
		answer(session, false, tostring(msg))
	end
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd)
		if cmd == "exit" then
			skynet.exit()
		end
	end)
	skynet.dispatch("client", function(_, _, body)
		local kind, addr, session, payload, is_push, tag = reader:feed(body)
		if kind == false then
			if session then
				-- a broken multi-part request: only that call fails
				answer(session, false, addr)
				return
			end
			skynet.error(string.format("cluster: connection %d sent a bad request (%s); closing it", fd, tostring(addr)))
			skynet.send(gate, "lua", "kick", fd)
			return
		end
		if kind then
			if tag then
				-- continue the calling node's trace here
				c.trace(tag)
				skynet.error(string.format("<TRACE %s> %d request %s", tag, skynet.hpc(), tostring(addr)))
			end
			request(addr, session, payload, is_push)
		end
	end)
	skynet.call(gate, "lua", "forward", fd)
end)
