-- http.httpd: the server side of HTTP/1.1 for a service that owns a
-- connection (see http.sockethelper for the read and write functions).
--
--   local code, url, method, header, body = httpd.read_request(read, 8192)
--   httpd.write_response(write, 200, "hello", { ["content-type"] = "text/plain" })
local internal = require "http.internal"

local httpd = {}

local STATUS = {
	[200] = "OK", [201] = "Created", [204] = "No Content",
	[301] = "Moved Permanently", [302] = "Found", [304] = "Not Modified",
	[400] = "Bad Request", [403] = "Forbidden", [404] = "Not Found",
	[405] = "Method Not Allowed", [413] = "Request Entity Too Large",
	[500] = "Internal Server Error", [501] = "Not Implemented",
	[503] = "Service Unavailable",
}

local function readall(readbytes, bodylimit)
	local lines = {}
	local rest = internal.recvheader(readbytes, lines, "")
	if not rest then
		return 413
	end
	local method, url, version = (lines[1] or ""):match("^(%u+)%s+(%S+)%s+HTTP/(%d%.%d)$")
	if not method then
		return 400
	end
	if version ~= "1.0" and version ~= "1.1" then
		return 505
	end
	local header = internal.parseheader(lines, 2, {})
	if not header then
		return 400
	end
	local body, code = internal.recvbody(readbytes, header, rest, bodylimit)
	if not body then
		return code
	end
	return 200, url, method, header, body
end

-- read_request(readbytes [, bodylimit]) -> 200, url, method, header, body;
-- an HTTP error status for a bad request; nil and the error when the
-- connection failed.
function httpd.read_request(readbytes, bodylimit)
	local ok, code, url, method, header, body = pcall(readall, readbytes, bodylimit)
	if ok then
		return code, url, method, header, body
	end
	return nil, code
end

local function writeall(write, code, body, header)
	write(string.format("HTTP/1.1 %03d %s\r\n", code, STATUS[code] or ""))
	header = header or {}
	if type(body) == "function" then
		local h = {}
		for k, v in pairs(header) do
			h[k] = v
		end
		h["transfer-encoding"] = "chunked"
		internal.writeheader(write, h)
		write("\r\n")
		while true do
			local chunk = body()
			if chunk == nil or chunk == "" then
				write("0\r\n\r\n")
				break
			end
			write(string.format("%x\r\n%s\r\n", #chunk, chunk))
		end
	else
		body = body or ""
		local h = {}
		for k, v in pairs(header) do
			h[k] = v
		end
		h["content-length"] = tostring(#body)
		internal.writeheader(write, h)
		write("\r\n")
		write(body)
	end
end

-- write_response(write, code [, body [, header]]) -> true, or false and
-- the error. body is a string, or a function returning chunks (nil at the
-- end) for a chunked response.
function httpd.write_response(write, code, body, header)
	local ok, err = pcall(writeall, write, code, body, header)
	if ok then
		return true
	end
	return false, err
end

return httpd
