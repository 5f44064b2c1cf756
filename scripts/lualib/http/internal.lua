-- http.internal: the HTTP/1.1 message parts shared by httpd and httpc.
local internal = {}

local LIMIT = 8192 -- longest header block

-- recvheader reads until the blank line ending the header block and
-- returns the header lines and what was read past them.
function internal.recvheader(readbytes, lines, header)
	header = header or ""
	while true do
		local e = header:find("\r\n\r\n", 1, true)
		if e then
			for line in header:sub(1, e + 1):gmatch("(.-)\r\n") do
				lines[#lines + 1] = line
			end
			return header:sub(e + 4)
		end
		if #header > LIMIT then
			return nil
		end
		header = header .. readbytes()
	end
end

-- parseheader turns "Name: value" lines (from index 2) into a table with
-- lowercase names; repeated names give a list.
function internal.parseheader(lines, from, header)
	header = header or {}
	local name
	for i = from, #lines do
		local line = lines[i]
		if line:match("^%s") then
			if not name then
				return nil
			end
			header[name] = header[name] .. " " .. line:match("^%s*(.-)%s*$")
		else
			local n, v = line:match("^(.-):%s*(.-)%s*$")
			if not n then
				return nil
			end
			name = n:lower()
			local old = header[name]
			if old == nil then
				header[name] = v
			elseif type(old) == "table" then
				old[#old + 1] = v
			else
				header[name] = { old, v }
			end
		end
	end
	return header
end

-- recvbody reads a body by Content-Length or chunked encoding; limit
-- bounds its size. It returns the body, or nil and an HTTP status.
function internal.recvbody(readbytes, header, rest, limit)
	local te = header["transfer-encoding"]
	if te and te:lower() == "chunked" then
		local body = {}
		local size = 0
		while true do
			while not rest:find("\r\n", 1, true) do
				rest = rest .. readbytes()
				if #rest > 128 then
					return nil, 400
				end
			end
			local line, after = rest:match("^(.-)\r\n(.*)$")
			local n = tonumber(line:match("^%s*(%x+)"), 16)
			if not n then
				return nil, 400
			end
			rest = after
			if n == 0 then
				-- trailer lines up to the blank one
				while not rest:find("\r\n", 1, true) do
					rest = rest .. readbytes()
				end
				return table.concat(body)
			end
			size = size + n
			if limit and size > limit then
				return nil, 413
			end
			while #rest < n + 2 do
				rest = rest .. readbytes(n + 2 - #rest)
			end
			body[#body + 1] = rest:sub(1, n)
			rest = rest:sub(n + 3)
		end
	end
	local length = tonumber(header["content-length"])
	if not length then
		return rest
	end
	if limit and length > limit then
		return nil, 413
	end
	if #rest < length then
		rest = rest .. readbytes(length - #rest)
	end
	return rest:sub(1, length)
end

function internal.writeheader(write, header)
	local out = {}
	for k, v in pairs(header or {}) do
		if type(v) == "table" then
			for _, x in ipairs(v) do
				out[#out + 1] = string.format("%s: %s\r\n", k, x)
			end
		else
			out[#out + 1] = string.format("%s: %s\r\n", k, v)
		end
	end
	table.sort(out)
	write(table.concat(out))
end

return internal
