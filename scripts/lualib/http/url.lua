-- http.url: splitting a request target and decoding its query.
local url = {}

local function decode(s)
	s = s:gsub("+", " ")
	return (s:gsub("%%(%x%x)", function(h)
		return string.char(tonumber(h, 16))
	end))
end

-- parse("/path?a=1") -> "/path", "a=1"
function url.parse(u)
	local path, query = u:match("^([^?]*)%??(.*)$")
	if query == "" then
		query = nil
	end
	return decode(path), query
end

-- parse_query("a=1&b=x%20y") -> { a = "1", b = "x y" }
function url.parse_query(q)
	local t = {}
	for pair in string.gmatch(q or "", "[^&]+") do
		local k, v = pair:match("^([^=]*)=?(.*)$")
		t[decode(k)] = decode(v)
	end
	return t
end

return url
