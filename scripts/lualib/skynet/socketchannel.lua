-- skynet.socketchannel: a request/response connection to a server (a
-- database, say) shared by the tasks of one service, as database
-- drivers use it.
--
--   local sc = require "skynet.socketchannel"
--   local ch = sc.channel { host = "127.0.0.1", port = 6379 }
--   ch:connect(true)
--   local r = ch:request("PING\r\n", function(sock) return true, sock:readline("\r\n") end)
--
-- Order mode (the default): answers come back in the order of the
-- requests; each request brings a function that reads its answer from
-- the socket and returns ok, result. Session mode (channel{ response = f }):
-- answers may come in any order; f(sock) reads one and returns session,
-- ok, result, and request(req, session) waits for that session.
--
-- A failed connection is opened again on the next request, running
-- channel.auth(channel) first if given. request raises
-- socketchannel.error (a table, tostring "[Socket Error]") when the
-- connection breaks, so callers can tell it from a server's error.
local skynet = require "skynet"
local socket = require "skynet.socket"

local socketchannel = {}
local channel = {}
local channel_meta = { __index = channel }

local socket_error = setmetatable({}, { __tostring = function() return "[Socket Error]" end })
socketchannel.error = socket_error

-- sock is what response functions read from.
local sock = {}
local sock_meta = { __index = sock }

function sock:read(n)
	local data = socket.read(self.fd, n)
	if not data then
		error(socket_error)
	end
	return data
end

function sock:readline(sep)
	local data = socket.readline(self.fd, sep or "\n")
	if not data then
		error(socket_error)
	end
	return data
end

function socketchannel.channel(desc)
	local c = {
		host = desc.host,
		port = desc.port,
		auth = desc.auth,
		nodelay = desc.nodelay,
		response = desc.response, -- session mode when set
		overload = desc.overload,
		fd = nil,
		connecting = nil, -- tokens waiting while a connection opens
		queue = {},       -- order mode: waiting requests, oldest first
		sessions = {},    -- session mode: session -> waiting request
		closed = false,
	}
	return setmetatable(c, channel_meta)
end

-- fail wakes every waiting request with the socket error.
local function fail_all(self)
	local q = self.queue
	self.queue = {}
	for _, w in ipairs(q) do
		w.ok, w.result = false, socket_error
		skynet.wakeup(w.token)
	end
	local s = self.sessions
	self.sessions = {}
	for _, w in pairs(s) do
		w.ok, w.result = false, socket_error
		skynet.wakeup(w.token)
	end
end

-- dispatch reads answers while the connection lives.
local function dispatch(self, fd)
	local so = setmetatable({ fd = fd }, sock_meta)
	while self.fd == fd do
		if self.response then
			local ok, session, rok, result = pcall(self.response, so)
			if not ok then
				break
			end
			local w = self.sessions[session]
			if w then
				self.sessions[session] = nil
				w.ok, w.result = rok, result
				skynet.wakeup(w.token)
			end
		else
			local w = self.queue[1]
			if w == nil then
				-- nothing asked: wait for a request or the end
				self.idle = {}
				skynet.wait(self.idle)
				self.idle = nil
			else
				local ok, rok, result = pcall(w.response, so)
				if not ok then
					break
				end
				table.remove(self.queue, 1)
				w.ok, w.result = rok, result
				skynet.wakeup(w.token)
			end
		end
	end
	if self.fd == fd then
		self.fd = nil
		socket.close(fd)
	end
	fail_all(self)
end

local function open(self)
	if self.fd then
		return true
	end
	if self.connecting then
		local token = {}
		table.insert(self.connecting, token)
		skynet.wait(token)
		return self.fd ~= nil
	end
	self.connecting = {}
	local fd, err = socket.open(self.host, self.port)
	local ok = fd ~= nil
	if ok then
		if self.nodelay then
			socket.nodelay(fd)
		end
		self.fd = fd
		skynet.fork(dispatch, self, fd)
		if self.auth then
			local aok, aerr = pcall(self.auth, self)
			if not aok then
				skynet.error(string.format("socketchannel %s:%s: auth failed: %s", tostring(self.host), tostring(self.port), tostring(aerr)))
				self.fd = nil
				socket.close(fd)
				ok, err = false, aerr
			end
		end
	end
	local waiters = self.connecting
	self.connecting = nil
	for _, token in ipairs(waiters) do
		skynet.wakeup(token)
	end
	if not ok then
		self.last_error = err
	end
	return ok
end

-- connect(once): open the connection now; with once false/nil, failures
-- are retried until it opens.
function channel:connect(once)
	self.closed = false
	while not open(self) do
		if once then
			error(string.format("socketchannel: cannot connect to %s:%s (%s)", tostring(self.host), tostring(self.port), tostring(self.last_error)))
		end
		skynet.sleep(100)
	end
	return true
end

-- request(req [, response | session]) sends req (a string or a table of
-- strings) and returns the answer.
function channel:request(req, response, padding)
	assert(not self.closed, "socketchannel: channel closed")
	if not open(self) then
		error(socket_error)
	end
	local w = { token = {} }
	if self.response then
		self.sessions[response] = w
	else
		w.response = response
		table.insert(self.queue, w)
	end
	if type(req) == "table" then
		req = table.concat(req)
	end
	socket.write(self.fd, req)
	if padding then
		for _, p in ipairs(padding) do
			socket.write(self.fd, p)
		end
	end
	if self.idle then
		skynet.wakeup(self.idle)
	end
	skynet.wait(w.token)
	if w.ok then
		return w.result
	end
	error(w.result, 0)
end

function channel:changehost(host, port)
	self.host, self.port = host, port
	local fd = self.fd
	if fd then
		self.fd = nil
		socket.close(fd)
		fail_all(self)
	end
end

function channel:close()
	self.closed = true
	local fd = self.fd
	if fd then
		self.fd = nil
		socket.close(fd)
	end
	if self.idle then
		skynet.wakeup(self.idle)
	end
	fail_all(self)
end

return socketchannel
