-- Helpers shared by the Lua test files. Each file registers its cases with
-- test(name, fn); lua_test.go runs every case as a Go subtest.

sproto = require "sproto"

tests = {}

function test(name, fn)
	tests[#tests + 1] = { name = name, fn = fn }
end

function hex(s)
	return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

function unhex(h)
	return (h:gsub("%x%x", function(b) return string.char(tonumber(b, 16)) end))
end

-- same compares values structurally; NaN equals NaN.
function same(a, b)
	if type(a) ~= "table" or type(b) ~= "table" then
		return a == b or (a ~= a and b ~= b)
	end
	for k, v in pairs(a) do
		if not same(v, b[k]) then return false end
	end
	for k in pairs(b) do
		if a[k] == nil then return false end
	end
	return true
end

-- show renders a value for failure messages, keys sorted.
function show(v)
	if type(v) == "string" then return string.format("%q", v) end
	if type(v) ~= "table" then return tostring(v) end
	local keys = {}
	for k in pairs(v) do keys[#keys + 1] = k end
	table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
	local parts = {}
	for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
	return "{" .. table.concat(parts, ", ") .. "}"
end

function eq(got, want, what)
	if not same(got, want) then
		error((what or "value") .. ": got " .. show(got) .. ", want " .. show(want), 2)
	end
end

-- fails calls f(...) and checks it raises an error whose text contains want.
function fails(want, f, ...)
	local ok, err = pcall(f, ...)
	if ok then error("expected an error containing: " .. want, 2) end
	if not string.find(tostring(err), want, 1, true) then
		error("error " .. tostring(err) .. " lacks " .. want, 2)
	end
	return err
end

function readfile(path)
	local f = assert(io.open(path, "rb"))
	local s = f:read "*a"
	f:close()
	return s
end

-- schema(name) loads a .sproto file of the shared vector folder.
function schema(name)
	return sproto.parse(readfile(VECTORS .. name))
end
