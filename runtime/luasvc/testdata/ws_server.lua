-- ws_server: a WebSocket echo service on http.websocket, on ws_port.
local skynet = require "skynet"
local socket = require "skynet.socket"
local websocket = require "http.websocket"

local handle = {}

function handle.connect(id)
	skynet.error("WS connect " .. id)
end

function handle.message(id, msg, kind)
	if msg == "bye" then
		websocket.close(id, 1000, "bye")
		return
	end
	websocket.write(id, kind .. ":" .. msg, kind)
end

function handle.ping(id)
	skynet.error("WS ping " .. id)
end

function handle.close(id, code, reason)
	skynet.error(string.format("WS close %d %d %s", id, code, reason))
end

skynet.start(function()
	local id = socket.listen("127.0.0.1", tonumber(skynet.getenv("ws_port")))
	socket.start(id, function(fd, addr)
		skynet.fork(function()
			local ok, err = websocket.accept(fd, handle, "ws", addr)
			skynet.error("WS done " .. tostring(ok) .. " " .. tostring(err))
		end)
	end)
	skynet.error("WS_READY")
end)
