-- watchdog: owns the gate. Each new connection gets an agent service; when
-- the connection goes, the gate drops it (kick) and the agent is told to
-- exit. lua "socket" messages come from the gate and need no reply.
local skynet = require "skynet"

local gate
local agents = {} -- fd -> agent handle
local CMD = {}
local SOCKET = {}

function SOCKET.open(fd, addr)
	skynet.error("New client from : " .. addr)
	local agent = skynet.newservice("agent")
	agents[fd] = agent
	skynet.call(agent, "lua", "start", { gate = gate, client = fd, watchdog = skynet.self() })
end

local function drop_agent(fd)
	local agent = agents[fd]
	agents[fd] = nil
	if agent then
		skynet.call(gate, "lua", "kick", fd)
		-- the agent exits; it never answers
		skynet.send(agent, "lua", "disconnect")
	end
end

function SOCKET.close(fd)
	print("socket close", fd)
	drop_agent(fd)
end

function SOCKET.error(fd, msg)
	print("socket error", fd, msg)
	drop_agent(fd)
end

function SOCKET.warning(fd, size)
	print("socket warning", fd, size)
end

function SOCKET.data(fd, msg)
end

function CMD.start(conf)
	return skynet.call(gate, "lua", "open", conf)
end

function CMD.close(fd)
	drop_agent(fd)
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, subcmd, ...)
		if cmd == "socket" then
			SOCKET[subcmd](...)
		else
			local f = assert(CMD[cmd], "watchdog: unknown command " .. tostring(cmd))
			skynet.ret(skynet.pack(f(subcmd, ...)))
		end
	end)
	gate = skynet.newservice("gate")
end)
