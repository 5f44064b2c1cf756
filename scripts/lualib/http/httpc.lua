-- http.httpc: a small HTTP/1.1 client (plain HTTP, one request per
-- connection).
--
--   local status, body = httpc.get("127.0.0.1:8080", "/path", recvheader)
--   local status, body = httpc.request("POST", host, "/path", recvheader, header, content)
local sockethelper = require "http.sockethelper"
local internal = require "http.internal"
local urllib = require "http.url"

local httpc = {}

-- timeout for connecting, in 1/100 s (nil: the system's)
httpc.timeout = nil

local function split_host(host)
	host = host:gsub("^http://", "")
	local h, p = host:match("^(.-):(%d+)$")
	if h then
		return h, tonumber(p)
	end
	return host, 80
end

local function exchange(fd, method, host, url, recvheader, header, content)
	local read = sockethelper.readfunc(fd)
	local write = sockethelper.writefunc(fd)
	local h = { host = host, ["content-length"] = content and tostring(#content) or nil, connection = "close" }
	for k, v in pairs(header or {}) do
		h[k:lower()] = v
	end
	write(string.format("%s %s HTTP/1.1\r\n", method, url))
	internal.writeheader(write, h)
	write("\r\n")
	if content then
		write(content)
	end
	local lines = {}
	local rest = internal.recvheader(read, lines, "")
	if not rest then
		error("http response header too long")
	end
	local code = tonumber((lines[1] or ""):match("^HTTP/%d%.%d%s+(%d%d%d)"))
	if not code then
		error("not an HTTP response: " .. tostring(lines[1]))
	end
	local hdr = internal.parseheader(lines, 2, recvheader)
	if not hdr then
		error("bad HTTP response header")
	end
	if method == "HEAD" or code == 204 or code == 304 then
		return code, ""
	end
	if hdr["content-length"] == nil and not hdr["transfer-encoding"] then
		-- the body runs to the end of the connection
		local parts = { rest }
		while true do
			local ok, more = pcall(read)
			if not ok then
				break
			end
			parts[#parts + 1] = more
		end
		return code, table.concat(parts)
	end
	local body, err = internal.recvbody(read, hdr, rest)
	if not body then
		error("bad HTTP response body (" .. tostring(err) .. ")")
	end
	return code, body
end

-- request(method, host, url [, recvheader [, header [, content]]]) ->
-- status, body. recvheader, if given, receives the response header.
function httpc.request(method, host, url, recvheader, header, content)
	local hostname, port = split_host(host)
	local fd = sockethelper.connect(hostname, port, httpc.timeout)
	local ok, code, body = pcall(exchange, fd, method, host, url, recvheader, header, content)
	sockethelper.close(fd)
	if not ok then
		error(code, 2)
	end
	return code, body
end

function httpc.get(host, url, recvheader, header)
	return httpc.request("GET", host, url, recvheader, header)
end

-- post(host, url, form [, recvheader]): form is a table, sent urlencoded.
function httpc.post(host, url, form, recvheader)
	local parts = {}
	for k, v in pairs(form) do
		parts[#parts + 1] = string.format("%s=%s", tostring(k):gsub("[^%w%-_%.~]", function(c)
			return string.format("%%%02X", c:byte())
		end), (tostring(v):gsub("[^%w%-_%.~]", function(c)
			return string.format("%%%02X", c:byte())
		end)))
	end
	table.sort(parts)
	return httpc.request("POST", host, url, recvheader,
		{ ["content-type"] = "application/x-www-form-urlencoded" }, table.concat(parts, "&"))
end

httpc.parse_url = urllib.parse

return httpc
