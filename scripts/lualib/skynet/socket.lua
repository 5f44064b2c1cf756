-- skynet.socket: blocking socket reads and writes for Lua services, on top
-- of skynet.socketdriver. A read parks the calling handler (skynet.wait)
-- until enough data has arrived; socket events arrive as PTYPE_SOCKET
-- messages and wake it. Loaded per service: the state below is the
-- service's own.
local skynet = require "skynet"
local driver = require "skynet.socketdriver"

local socket = {}
local sockets = {} -- id -> state

local DATA, CONNECT, CLOSE, ACCEPT, ERROR, UDP, WARNING = 1, 2, 3, 4, 5, 6, 7

local function new_state(id, fields)
	local s = fields or {}
	s.id = id
	s.buffer = ""
	sockets[id] = s
	return s
end

local function wake(s)
	local token = s.waiting
	if token then
		s.waiting = nil
		skynet.wakeup(token)
	end
end

local function park(s)
	local token = {}
	s.waiting = token
	skynet.wait(token)
end

-- enough reports whether a parked reader can go on.
local function enough(s)
	local want = s.want
	if want == nil then
		return true
	end
	if type(want) == "number" then
		return #s.buffer >= want
	end
	if want == "any" then
		return #s.buffer > 0
	end
	return string.find(s.buffer, want, 1, true) ~= nil
end

local events = {}

events[DATA] = function(id, size, data)
	local s = sockets[id]
	if s == nil then
		skynet.error(string.format("socket: drop %d bytes from unknown socket %d", size, id))
		driver.close(id)
		return
	end
	s.buffer = s.buffer .. data
	if s.limit and #s.buffer > s.limit then
		skynet.error(string.format("socket: %d bytes buffered on socket %d exceeds the limit %d, closing", #s.buffer, id, s.limit))
		driver.shutdown(id)
		return
	end
	if s.waiting and enough(s) then
		wake(s)
	end
end

events[CONNECT] = function(id, ud, addr)
	local s = sockets[id]
	if s == nil then
		return
	end
	s.connected = true
	if s.connecting then
		s.connecting = false
		-- a listener's second CONNECT is the "start" acknowledgement: keep
		-- the bound address from the first
		if s.addr == nil or addr ~= "start" then
			s.addr, s.port = addr, ud
		end
		wake(s)
	end
end

events[CLOSE] = function(id)
	local s = sockets[id]
	if s == nil then
		return
	end
	s.connected = false
	s.connecting = false
	if s.on_close then
		s.on_close(id)
	end
	wake(s)
end

events[ACCEPT] = function(listen_id, new_id, addr)
	local s = sockets[listen_id]
	if s == nil or s.callback == nil then
		driver.close(new_id)
		return
	end
	s.callback(new_id, addr)
end

events[ERROR] = function(id, _, err)
	local s = sockets[id]
	if s == nil then
		skynet.error(string.format("socket: error on unknown socket %d: %s", id, tostring(err)))
		return
	end
	if not s.connecting then
		skynet.error(string.format("socket: error on %d: %s", id, tostring(err)))
	end
	s.error = err
	s.connected = false
	s.connecting = false
	wake(s)
end

events[UDP] = function(id, size, data, address)
	local s = sockets[id]
	if s == nil or s.udp == nil then
		skynet.error(string.format("socket: drop a %d-byte datagram on socket %d (no udp callback)", size, id))
		return
	end
	s.udp(data, address)
end

events[WARNING] = function(id, kb)
	local s = sockets[id]
	if s and s.on_warning then
		s.on_warning(id, kb)
	elseif kb > 0 then
		skynet.error(string.format("WARNING: %d K bytes need to send out (fd = %d)", kb, id))
	end
end

skynet.register_protocol {
	name = "socket",
	id = skynet.PTYPE_SOCKET,
	unpack = driver.unpack,
	dispatch = function(_, _, kind, id, ud, data, address)
		events[kind](id, ud, data, address)
	end,
}

-- wait_connected parks until CONNECT or ERROR for a socket being opened
-- or started; it returns the id, or nil and the error.
local function wait_connected(s)
	if s.connecting then
		park(s)
	end
	if s.connected then
		return s.id, s.addr, s.port
	end
	sockets[s.id] = nil
	return nil, s.error or "closed"
end

function socket.open(host, port)
	local id = driver.connect(host, port)
	return wait_connected(new_state(id, { connecting = true }))
end

-- listen(host, port [, backlog]) -> id, bound address, bound port
function socket.listen(host, port, backlog)
	if port == nil then
		host, port = string.match(host, "^(.*):(%d+)$")
		port = tonumber(port)
	end
	local id = driver.listen(host, port, backlog)
	return wait_connected(new_state(id, { connecting = true, listen = true }))
end

-- start(id [, accept]) begins reading a connection, or accepting on a
-- listener (accept(new_id, addr) is called for each connection).
function socket.start(id, accept)
	local s = sockets[id]
	if s and s.listen then
		s.callback = accept
		s.connecting = true
	else
		s = new_state(id, { connecting = true, callback = accept })
	end
	driver.start(id)
	return wait_connected(s)
end

function socket.read(id, size)
	local s = sockets[id]
	if s == nil then
		return false
	end
	s.want = size or "any"
	while s.connected and not enough(s) do
		park(s)
	end
	s.want = nil
	local n = size or #s.buffer
	if #s.buffer >= n and n > 0 then
		local out = string.sub(s.buffer, 1, n)
		s.buffer = string.sub(s.buffer, n + 1)
		return out
	end
	local rest = s.buffer
	s.buffer = ""
	return false, rest
end

function socket.readall(id)
	local s = sockets[id]
	if s == nil then
		return false
	end
	s.want = 2 ^ 53
	while s.connected do
		park(s)
	end
	s.want = nil
	local rest = s.buffer
	s.buffer = ""
	return rest
end

function socket.readline(id, sep)
	sep = sep or "\n"
	local s = sockets[id]
	if s == nil then
		return false
	end
	s.want = sep
	while s.connected and not enough(s) do
		park(s)
	end
	s.want = nil
	local i = string.find(s.buffer, sep, 1, true)
	if i then
		local line = string.sub(s.buffer, 1, i - 1)
		s.buffer = string.sub(s.buffer, i + #sep)
		return line
	end
	local rest = s.buffer
	s.buffer = ""
	return false, rest
end

function socket.block(id)
	local s = sockets[id]
	if s == nil then
		return false
	end
	s.want = "any"
	if s.connected and #s.buffer == 0 then
		park(s)
	end
	s.want = nil
	return s.connected
end

function socket.write(id, data)
	return driver.send(id, data)
end

socket.lwrite = socket.write

function socket.close(id)
	local s = sockets[id]
	driver.close(id)
	if s and s.connected then
		s.want = 2 ^ 53
		park(s)
	end
	sockets[id] = nil
end

function socket.close_fd(id)
	sockets[id] = nil
	driver.close(id)
end

function socket.shutdown(id)
	sockets[id] = nil
	driver.shutdown(id)
end

function socket.abandon(id)
	sockets[id] = nil
	driver.abandon(id)
end

function socket.limit(id, limit)
	local s = assert(sockets[id], "socket.limit: unknown socket")
	s.limit = limit
end

function socket.warning(id, callback)
	local s = assert(sockets[id], "socket.warning: unknown socket")
	s.on_warning = callback
end

function socket.onclose(id, callback)
	local s = assert(sockets[id], "socket.onclose: unknown socket")
	s.on_close = callback
end

function socket.invalid(id)
	return sockets[id] == nil
end

function socket.disconnected(id)
	local s = sockets[id]
	return s == nil or not s.connected
end

function socket.nodelay(id)
	driver.nodelay(id)
end

function socket.pause(id)
	driver.pause(id)
end

function socket.netstat()
	return driver.info()
end

-- bind(os_fd) makes a socket of an OS descriptor and starts reading it.
-- skyconsole offers only stdin (fd 0), and only on a node started with it
-- (`skyconsole run`); elsewhere bind raises.
function socket.bind(os_fd)
	local id = driver.bind(os_fd)
	return socket.start(id)
end

function socket.stdin()
	return socket.bind(0)
end

-- UDP. callback(data, address) gets each datagram; address is opaque
-- (socket.udp_address turns it into ip, port) and sendto takes it back.

-- udp(callback [, host [, port]]) -> id of a socket bound there (default
-- 127.0.0.1 and a free port).
function socket.udp(callback, host, port)
	local id = driver.udp(host, port)
	new_state(id, { udp = callback, connected = true })
	return id
end

-- udp_connect(id, host, port [, callback]) makes socket.write send to
-- host:port.
function socket.udp_connect(id, host, port, callback)
	local s = sockets[id]
	if s and callback then
		s.udp = callback
	end
	driver.udp_connect(id, host, port)
end

function socket.udp_listen(host, port, callback)
	return socket.udp(callback, host, port)
end

function socket.udp_dial(host, port, callback)
	local id = socket.udp(callback)
	driver.udp_connect(id, host, port)
	return id
end

function socket.sendto(id, address, data)
	return driver.udp_send(id, address, data)
end

socket.udp_address = driver.udp_address

return socket
