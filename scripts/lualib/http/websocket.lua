-- http.websocket: the server side of WebSocket (RFC 6455) on a
-- skynet.socket connection.
--
--   local handle = {}
--   function handle.message(id, msg, msg_type) websocket.write(id, "echo " .. msg) end
--   websocket.accept(fd, handle, "ws", addr)   -- returns when the connection ends
--
-- handle may have connect(id), handshake(id, header, url), message(id,
-- msg, "text"|"binary"), ping(id), pong(id), close(id, code, reason) and
-- error(id). Pings are answered, fragmented messages put back together,
-- and a close is answered before the connection ends. A service can also
-- be a client: websocket.connect(url), then read, write and close. wss is
-- not provided.
local skynet = require "skynet"
local socket = require "skynet.socket"
local crypt = require "skynet.crypt"
local httpd = require "http.httpd"
local sockethelper = require "http.sockethelper"

local websocket = {}
local conns = {} -- fd -> { addr = ... }

local GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
local MAX_FRAME = 16 * 1024 * 1024 -- per frame and per reassembled message

local OP = { continuation = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 }

local function u16(s, i)
	return s:byte(i) * 256 + s:byte(i + 1)
end

-- frame builds one frame; a client masks it with a fresh key (RFC 6455
-- requires it of clients and forbids it to servers).
local function frame(opcode, data, masked)
	local n = #data
	local m = masked and 128 or 0
	local head
	if n < 126 then
		head = string.char(0x80 + opcode, m + n)
	elseif n < 65536 then
		head = string.char(0x80 + opcode, m + 126, math.floor(n / 256), n % 256)
	else
		local b = {}
		local v = n
		for i = 8, 1, -1 do
			b[i] = v % 256
			v = math.floor(v / 256)
		end
		head = string.char(0x80 + opcode, m + 127, unpack(b))
	end
	if masked then
		local key = crypt.randomkey():sub(1, 4)
		return head .. key .. crypt.xor_str(data, key)
	end
	return head .. data
end

local function is_client(fd)
	local c = conns[fd]
	return c ~= nil and c.client
end

-- readframe -> fin, opcode, payload
local function readframe(read)
	local h = read(2)
	local b1, b2 = h:byte(1), h:byte(2)
	local fin = b1 >= 0x80
	local opcode = b1 % 16
	local masked = b2 >= 0x80
	local n = b2 % 128
	if n == 126 then
		n = u16(read(2), 1)
	elseif n == 127 then
		local e = read(8)
		n = 0
		for i = 1, 8 do
			n = n * 256 + e:byte(i)
		end
	end
	if n > MAX_FRAME then
		error("websocket: frame of " .. n .. " bytes is over the limit")
	end
	local key = masked and read(4) or nil
	local data = n > 0 and read(n) or ""
	if key then
		data = crypt.xor_str(data, key)
	end
	return fin, opcode, data
end

local function handshake(fd, read, write, handle)
	local code, url, method, header, rest = httpd.read_request(read, 0)
	if code ~= 200 then
		if code then
			httpd.write_response(write, code, nil, { connection = "close" })
		end
		return nil, "not a websocket upgrade request"
	end
	local key = header["sec-websocket-key"]
	if method ~= "GET" or not key or (header["upgrade"] or ""):lower() ~= "websocket" then
		httpd.write_response(write, 400, "websocket upgrade expected", { connection = "close" })
		return nil, "not a websocket upgrade request"
	end
	if handle.handshake then
		handle.handshake(fd, header, url)
	end
	local accept = crypt.base64encode(crypt.sha1(key .. GUID))
	write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " .. accept .. "\r\n\r\n")
	-- bytes read past the request are the first frames
	return true, rest
end

-- accept(fd, handle [, protocol [, addr]]) serves the connection until it
-- ends; true, or false and why.
function websocket.accept(fd, handle, protocol, addr)
	assert(protocol == nil or protocol == "ws", "websocket: only ws is supported (no wss)")
	socket.start(fd)
	local read = sockethelper.readfunc(fd)
	local write = sockethelper.writefunc(fd)
	conns[fd] = { addr = addr }
	local ok, err = pcall(function()
		-- as in skynet: connect (the TCP connection), then handshake (the
		-- upgrade request, header and url)
		if handle.connect then
			handle.connect(fd)
		end
		local hs, rest = handshake(fd, read, write, handle)
		if not hs then
			error(rest)
		end
		if rest and rest ~= "" then
			read = sockethelper.readfunc(fd, rest)
		end
		local parts, kind = nil, nil
		local c = conns[fd]
		while true do
			local fin, opcode, data = readframe(read)
			if opcode == OP.close then
				local code = #data >= 2 and u16(data, 1) or 1000
				local reason = data:sub(3)
				if not c.closing then -- the peer started it: answer
					pcall(write, frame(OP.close, data:sub(1, 2)))
				end
				if handle.close then
					handle.close(fd, code, reason)
				end
				break
			elseif opcode == OP.ping then
				write(frame(OP.pong, data))
				if handle.ping then
					handle.ping(fd)
				end
			elseif opcode == OP.pong then
				if handle.pong then
					handle.pong(fd)
				end
			elseif opcode == OP.text or opcode == OP.binary or opcode == OP.continuation then
				if opcode ~= OP.continuation then
					parts, kind = {}, (opcode == OP.text) and "text" or "binary"
				end
				if parts == nil then
					error("websocket: continuation frame without a first frame")
				end
				parts[#parts + 1] = data
				parts.size = (parts.size or 0) + #data
				if parts.size > MAX_FRAME then
					error("websocket: fragmented message over the limit")
				end
				if fin then
					local msg = table.concat(parts)
					parts = nil
					if handle.message then
						handle.message(fd, msg, kind)
					end
				end
			else
				error("websocket: unknown opcode " .. opcode)
			end
		end
	end)
	conns[fd] = nil
	socket.close(fd)
	if not ok then
		if err ~= sockethelper.socket_error and handle.error then
			handle.error(fd)
		end
		return false, tostring(err)
	end
	return true
end

-- write(fd, data [, "text"|"binary"]) sends one message.
function websocket.write(fd, data, fmt)
	local op = (fmt == "binary") and OP.binary or OP.text
	socket.write(fd, frame(op, data, is_client(fd)))
end

function websocket.ping(fd)
	socket.write(fd, frame(OP.ping, "", is_client(fd)))
end

-- close(fd [, code [, reason]]) starts the closing handshake; accept
-- returns once the peer answers (or the connection drops).
function websocket.close(fd, code, reason)
	local c = conns[fd]
	if c == nil or c.closing then
		return
	end
	c.closing = true
	code = code or 1000
	socket.write(fd, frame(OP.close, string.char(math.floor(code / 256), code % 256) .. (reason or ""), c.client))
	if c.client and c.reading == 0 then
		-- nobody is reading: wait for the server's answer here
		pcall(function()
			while true do
				local _, opcode = readframe(c.read)
				if opcode == OP.close then
					break
				end
			end
		end)
		conns[fd] = nil
		socket.close(fd)
	end
end

-- connect(url [, header [, timeout]]) -> id of a client connection to a
-- ws:// url. read and write use it; close ends it.
function websocket.connect(url, header, timeout)
	local host, port, path = string.match(url, "^ws://([^/:]+):?(%d*)(.*)$")
	assert(host, "websocket.connect: ws://host[:port]/path expected, got " .. tostring(url))
	port = tonumber(port) or 80
	if path == "" then
		path = "/"
	end
	local fd = sockethelper.connect(host, port, timeout)
	local read = sockethelper.readfunc(fd)
	local write = sockethelper.writefunc(fd)
	local key = crypt.base64encode(crypt.randomkey() .. crypt.randomkey())
	local lines = {
		"GET " .. path .. " HTTP/1.1",
		"Host: " .. host .. ":" .. port,
		"Upgrade: websocket",
		"Connection: Upgrade",
		"Sec-WebSocket-Key: " .. key,
		"Sec-WebSocket-Version: 13",
	}
	for k, v in pairs(header or {}) do
		lines[#lines + 1] = k .. ": " .. v
	end
	write(table.concat(lines, "\r\n") .. "\r\n\r\n")
	local internal = require "http.internal"
	local got = {}
	local rest = internal.recvheader(read, got, "")
	local code = got[1] and tonumber(got[1]:match("^HTTP/%d%.%d%s+(%d%d%d)"))
	local h = rest and internal.parseheader(got, 2, {})
	local want = crypt.base64encode(crypt.sha1(key .. GUID))
	if code ~= 101 or not h or h["sec-websocket-accept"] ~= want then
		socket.close(fd)
		error(string.format("websocket.connect %s: handshake refused (%s)", url, tostring(got[1])))
	end
	if rest ~= "" then
		read = sockethelper.readfunc(fd, rest)
	end
	conns[fd] = { client = true, read = read, reading = 0 }
	return fd
end

-- read(id) -> the next message and its kind ("text" or "binary"), or
-- false and why once the connection closed. Pings are answered.
function websocket.read(fd)
	local c = assert(conns[fd], "websocket.read: not a websocket client connection")
	c.reading = c.reading + 1
	local ok, msg, kind = pcall(function()
		local parts, k = nil, nil
		while true do
			local fin, opcode, data = readframe(c.read)
			if opcode == OP.close then
				if not c.closing then
					pcall(socket.write, fd, frame(OP.close, data:sub(1, 2), true))
				end
				return nil, "closed"
			elseif opcode == OP.ping then
				socket.write(fd, frame(OP.pong, data, true))
			elseif opcode == OP.text or opcode == OP.binary or opcode == OP.continuation then
				if opcode ~= OP.continuation then
					parts, k = {}, (opcode == OP.text) and "text" or "binary"
				end
				parts[#parts + 1] = data
				if fin then
					return table.concat(parts), k
				end
			end
		end
	end)
	c.reading = c.reading - 1
	if ok and msg then
		return msg, kind
	end
	conns[fd] = nil
	socket.close(fd)
	return false, ok and kind or tostring(msg)
end

function websocket.addrinfo(fd)
	local c = conns[fd]
	return c and c.addr
end

return websocket
