-- http.sockethelper: skynet.socket wrapped as the read and write
-- functions the http modules take. A closed socket raises
-- sockethelper.socket_error.
local socket = require "skynet.socket"

local sockethelper = {}

sockethelper.socket_error = setmetatable({}, {
	__tostring = function()
		return "[Socket error]"
	end,
})

-- readfunc(fd [, pre]) -> read(n): n bytes, or whatever is available
-- when n is nil. pre is data already read, served first.
function sockethelper.readfunc(fd, pre)
	local function read(n)
		local data, rest = socket.read(fd, n)
		if data then
			return data
		end
		if rest and rest ~= "" and n == nil then
			return rest
		end
		error(sockethelper.socket_error)
	end
	if pre == nil or pre == "" then
		return read
	end
	return function(n)
		if pre then
			if n == nil or n == #pre then
				local out = pre
				pre = nil
				return out
			elseif n < #pre then
				local out = pre:sub(1, n)
				pre = pre:sub(n + 1)
				return out
			end
			local out = pre
			pre = nil
			return out .. read(n - #out)
		end
		return read(n)
	end
end

function sockethelper.writefunc(fd)
	return function(content)
		if not socket.write(fd, content) then
			error(sockethelper.socket_error)
		end
	end
end

-- connect(host, port [, timeout]) -> fd; timeout in 1/100 s.
function sockethelper.connect(host, port, timeout)
	local fd, err
	if timeout then
		local done = false
		local token = {}
		local skynet = require "skynet"
		skynet.fork(function()
			local id, e = socket.open(host, port)
			if done then
				-- the timeout came first: nobody wants this connection
				if id then
					socket.close(id)
				end
				return
			end
			fd, err = id, e
			done = true
			skynet.wakeup(token)
		end)
		skynet.timeout(timeout, function()
			if not done then
				done = true
				err = "connect timeout"
				skynet.wakeup(token)
			end
		end)
		skynet.wait(token)
	else
		fd, err = socket.open(host, port)
	end
	if not fd then
		error(string.format("%s: cannot connect to %s:%s (%s)", tostring(sockethelper.socket_error), tostring(host), tostring(port), tostring(err)))
	end
	return fd
end

function sockethelper.close(fd)
	socket.close(fd)
end

function sockethelper.shutdown(fd)
	socket.shutdown(fd)
end

return sockethelper
