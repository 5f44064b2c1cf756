-- snax.gateserver: the skeleton of a gate. It listens, accepts
-- connections, splits their byte streams into 2-byte length frames with
-- skynet.netpack, and calls the handler you give to start():
--
--   handler.connect(fd, addr)       a client connected (not read until openclient)
--   handler.message(fd, msg, sz)    one complete frame from an opened client
--   handler.disconnect(fd)          the client went away
--   handler.error(fd, msg)          the connection failed (or sent a frame over the limit)
--   handler.warning(fd, size)       size KB are waiting to be written
--   handler.open(source, conf)      the gate started listening (returns what CMD.open returns)
--   handler.command(cmd, source, ...) any other lua command sent to the gate
--
-- The gate service answers the lua commands "open" (conf = { address,
-- port, maxclient, nodelay, backlog, maxframe }) and "close".
-- Differences from skynet: the default address is 127.0.0.1, and maxclient
-- admits exactly maxclient clients (skynet's admits one fewer).
local skynet = require "skynet"
local netpack = require "skynet.netpack"
local driver = require "skynet.socketdriver"

local gateserver = {}

local listen_id          -- the listening socket
local queue              -- netpack state shared by every connection
local maxclient
local nodelay = false
local clients = 0
local known = {}         -- fd -> true while connected, false while we close it

-- openclient starts reading a connection (the gate's "forward"/"accept");
-- until then nothing is read from it.
function gateserver.openclient(fd)
	if known[fd] then
		driver.start(fd)
	end
end

function gateserver.closeclient(fd)
	if known[fd] then
		known[fd] = false
		driver.close(fd)
	end
end

function gateserver.start(handler)
	assert(handler.message, "gateserver handler needs message")
	assert(handler.connect, "gateserver handler needs connect")

	local CMD = {}
	local waiting_listen -- while CMD.open waits for the listen result

	function CMD.open(source, conf)
		assert(listen_id == nil, "gate already open")
		local address = conf.address or "127.0.0.1"
		local port = assert(tonumber(conf.port), "gate open needs a port")
		maxclient = conf.maxclient or 1024
		nodelay = conf.nodelay
		queue = netpack.newqueue(conf.maxframe)
		skynet.error(string.format("Listen on %s:%d", address, port))
		listen_id = driver.listen(address, port, conf.backlog)
		waiting_listen = { token = {}, id = listen_id }
		skynet.wait(waiting_listen.token)
		conf.address, conf.port = waiting_listen.address, waiting_listen.port
		waiting_listen = nil
		driver.start(listen_id)
		if handler.open then
			return handler.open(source, conf)
		end
	end

	function CMD.close()
		assert(listen_id, "gate is not open")
		driver.close(listen_id)
	end

	local MSG = {}

	local function deliver(fd, msg, sz)
		if known[fd] then
			handler.message(fd, msg, sz)
		else
			skynet.error(string.format("Drop message from fd (%d) : %s", fd, netpack.tostring(msg, sz)))
		end
	end

	MSG.data = deliver

	-- "more": several frames arrived in one read. Each is delivered in turn;
	-- a fork keeps draining if a handler blocks.
	local function drain()
		local fd, msg, sz = netpack.pop(queue)
		if fd == nil then
			return
		end
		skynet.fork(drain)
		deliver(fd, msg, sz)
		for fd2, msg2, sz2 in netpack.pop, queue do
			deliver(fd2, msg2, sz2)
		end
	end

	MSG.more = drain

	function MSG.open(fd, addr)
		if clients >= maxclient then
			skynet.error(string.format("gate: refuse %s (fd %d): %d clients already (maxclient)", addr, fd, clients))
			driver.shutdown(fd)
			return
		end
		clients = clients + 1
		if nodelay then
			driver.nodelay(fd)
		end
		known[fd] = true
		handler.connect(fd, addr)
	end

	function MSG.close(fd, dropped)
		if fd == listen_id then
			listen_id = nil
			return
		end
		if known[fd] ~= nil then
			clients = clients - 1
			known[fd] = nil
		end
		if dropped and dropped > 0 then
			skynet.error(string.format("gate: fd %d closed with %d bytes of an incomplete frame (dropped)", fd, dropped))
		end
		if handler.disconnect then
			handler.disconnect(fd)
		end
	end

	function MSG.error(fd, msg)
		if fd == listen_id then
			skynet.error("gate: listen error: " .. tostring(msg))
			return
		end
		skynet.error(string.format("gate: fd %d error: %s", fd, tostring(msg)))
		if known[fd] ~= nil then
			clients = clients - 1
			known[fd] = nil
		end
		driver.shutdown(fd)
		if handler.error then
			handler.error(fd, msg)
		end
	end

	function MSG.warning(fd, size)
		if handler.warning then
			handler.warning(fd, size)
		end
	end

	function MSG.init(id, address, port)
		local w = waiting_listen
		if w and w.id == id and w.address == nil then
			w.address, w.port = address, port
			skynet.wakeup(w.token)
		end
	end

	skynet.register_protocol {
		name = "socket",
		id = skynet.PTYPE_SOCKET,
		unpack = function(msg, sz)
			return netpack.filter(queue, msg, sz)
		end,
		dispatch = function(_, _, q, event, ...)
			queue = q
			if event then
				MSG[event](...)
			end
		end,
	}

	local function init()
		skynet.dispatch("lua", function(_, source, cmd, ...)
			local f = CMD[cmd]
			if f then
				skynet.ret(skynet.pack(f(source, ...)))
			else
				skynet.ret(skynet.pack(handler.command(cmd, source, ...)))
			end
		end)
	end

	if handler.embed then
		init()
	else
		skynet.start(init)
	end
end

return gateserver
