-- agent: serves one client. The gate forwards the client's frames as
-- PTYPE_CLIENT messages (session = socket id); each is a sproto request
-- answered straight on the socket. A heartbeat is pushed every 5 s.
local skynet = require "skynet"
local socket = require "skynet.socket"
local sprotoloader = require "sprotoloader"

local watchdog
local host
local push
local client_fd
local CMD = {}
local REQUEST = {}

function REQUEST:get()
	print("get", self.what)
	return { result = skynet.call("SIMPLEDB", "lua", "get", self.what) }
end

function REQUEST:set()
	print("set", self.what, self.value)
	skynet.call("SIMPLEDB", "lua", "set", self.what, self.value)
end

function REQUEST:handshake()
	return { msg = "Welcome to skynet, I will send heartbeat every 5 sec." }
end

function REQUEST:quit()
	skynet.call(watchdog, "lua", "close", client_fd)
end

local function handle(name, args, response)
	local f = assert(REQUEST[name], "agent: unknown request " .. tostring(name))
	local result = f(args)
	if response then
		return response(result)
	end
end

local function send_package(pack)
	socket.write(client_fd, string.pack(">s2", pack))
end

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
	unpack = function(msg, sz)
		return host:dispatch(msg, sz)
	end,
	dispatch = function(fd, _, kind, ...)
		assert(fd == client_fd, "frame from another socket")
		skynet.ignoreret() -- the session field is the fd: nothing to answer
		skynet.trace()
		if kind == "REQUEST" then
			local ok, result = pcall(handle, ...)
			if ok then
				if result then
					send_package(result)
				end
			else
				skynet.error(result)
			end
		else
			error("agent: the client sent a response; this example never asks it anything")
		end
	end,
}

function CMD.start(conf)
	local gate = conf.gate
	watchdog = conf.watchdog
	host = sprotoloader.load(1):host("package")
	push = host:attach(sprotoloader.load(2))
	skynet.fork(function()
		while true do
			send_package(push("heartbeat"))
			skynet.sleep(500)
		end
	end)
	client_fd = conf.client
	skynet.call(gate, "lua", "forward", client_fd)
end

function CMD.disconnect()
	skynet.exit()
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, ...)
		skynet.trace()
		local f = CMD[cmd]
		skynet.ret(skynet.pack(f(...)))
	end)
end)
