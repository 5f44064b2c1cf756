-- http_server: a small web service on http.httpd, listening on
-- http_port; each connection is served by the listening service itself.
local skynet = require "skynet"
local socket = require "skynet.socket"
local httpd = require "http.httpd"
local sockethelper = require "http.sockethelper"
local urllib = require "http.url"

-- every answer closes its connection, and says so
local CLOSE = { connection = "close" }

local function with(h)
	local t = { connection = "close" }
	for k, v in pairs(h) do
		t[k] = v
	end
	return t
end

local function serve(fd)
	socket.start(fd)
	local code, url, method, header, body = httpd.read_request(sockethelper.readfunc(fd), 1024)
	local write = sockethelper.writefunc(fd)
	if code ~= 200 then
		if code then
			httpd.write_response(write, code, nil, CLOSE)
		end
		socket.close(fd)
		return
	end
	local path, query = urllib.parse(url)
	if method == "GET" and path == "/hello" then
		local q = urllib.parse_query(query)
		httpd.write_response(write, 200, "hello " .. tostring(q.name), with({ ["content-type"] = "text/plain" }))
	elseif method == "POST" and path == "/echo" then
		httpd.write_response(write, 200, body, with({ ["x-got-type"] = tostring(header["content-type"]) }))
	elseif path == "/chunked" then
		local parts = { "one,", "two,", "three" }
		local i = 0
		httpd.write_response(write, 200, function()
			i = i + 1
			return parts[i]
		end, CLOSE)
	else
		httpd.write_response(write, 404, "no " .. path, CLOSE)
	end
	socket.close(fd)
end

skynet.start(function()
	local id = socket.listen("127.0.0.1", tonumber(skynet.getenv("http_port")))
	socket.start(id, function(fd)
		skynet.fork(serve, fd)
	end)
	skynet.error("HTTP_READY")
end)
