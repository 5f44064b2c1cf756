-- gate: the standard gate service on snax.gateserver. New connections are
-- reported to the watchdog as lua "socket" messages ("open", "close",
-- "error", "warning", and "data" for frames of clients with no agent).
-- After "forward", the client's frames go straight to its agent as
-- PTYPE_CLIENT messages whose session field is the socket id.
local skynet = require "skynet"
local gateserver = require "snax.gateserver"

local watchdog
local conns = {} -- fd -> { fd, ip, agent, client }

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
}

local handler = {}

function handler.open(source, conf)
	watchdog = conf.watchdog or source
	return conf.address, conf.port
end

function handler.message(fd, msg, sz)
	local c = conns[fd]
	if c and c.agent then
		-- the frame moves on untouched; the session carries the fd
		skynet.redirect(c.agent, c.client, "client", fd, msg, sz)
	else
		skynet.send(watchdog, "lua", "socket", "data", fd, skynet.tostring(msg, sz))
		skynet.trash(msg, sz)
	end
end

function handler.connect(fd, addr)
	conns[fd] = { fd = fd, ip = addr }
	skynet.send(watchdog, "lua", "socket", "open", fd, addr)
end

local function forget(fd)
	local c = conns[fd]
	if c then
		c.agent, c.client = nil, nil
		conns[fd] = nil
	end
end

function handler.disconnect(fd)
	forget(fd)
	skynet.send(watchdog, "lua", "socket", "close", fd)
end

function handler.error(fd, msg)
	forget(fd)
	skynet.send(watchdog, "lua", "socket", "error", fd, msg)
end

function handler.warning(fd, size)
	skynet.send(watchdog, "lua", "socket", "warning", fd, size)
end

local CMD = {}

-- forward(fd [, client [, agent]]): frames of fd go to agent (default: the
-- caller), with client as their source; reading starts now.
function CMD.forward(source, fd, client, agent)
	local c = assert(conns[fd], "forward: unknown fd")
	c.client = client or 0
	c.agent = agent or source
	gateserver.openclient(fd)
end

-- accept(fd): start reading fd; its frames go to the watchdog as "data".
function CMD.accept(source, fd)
	local c = assert(conns[fd], "accept: unknown fd")
	c.agent, c.client = nil, nil
	gateserver.openclient(fd)
end

function CMD.kick(source, fd)
	gateserver.closeclient(fd)
end

function handler.command(cmd, source, ...)
	local f = assert(CMD[cmd], "gate: unknown command " .. tostring(cmd))
	return f(source, ...)
end

gateserver.start(handler)
