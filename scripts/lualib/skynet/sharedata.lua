-- skynet.sharedata: configuration-like tables shared by the services of a
-- node, kept by the unique service sharedatad.
--
--   sharedata.new("cfg", { max = 10, list = { 1, 2, 3 } })   (or Lua source, "@file")
--   local cfg = sharedata.query("cfg")      cfg.max, #cfg.list, pairs(cfg) ...
--   sharedata.update("cfg", { max = 20 })   every service's cfg follows
--
-- Difference from skynet: each service that queries a name gets its own
-- copy of the data (skynet shares one copy in C memory and hands out
-- read-only proxies). The copy is updated in place when the data changes,
-- keeping the identity of tables that are still there, so references to
-- cfg or cfg.list see the new values; do not write to it, an update
-- overwrites local changes.
local skynet = require "skynet"

local sharedata = {}
local service
local cache = {} -- name -> { obj = table, version = n }

-- refill makes dst hold what src holds, reusing dst's subtables.
local function refill(dst, src)
	for k in pairs(dst) do
		if src[k] == nil then
			dst[k] = nil
		end
	end
	for k, v in pairs(src) do
		local old = dst[k]
		if type(v) == "table" and type(old) == "table" then
			refill(old, v)
		else
			dst[k] = v
		end
	end
end

local function watch(name)
	while true do
		local c = cache[name]
		if c == nil then
			return
		end
		local version = skynet.call(service, "lua", "monitor", name, c.version)
		if version == nil then
			cache[name] = nil -- deleted: the copy keeps its last values
			return
		end
		local ok, v, data = pcall(skynet.call, service, "lua", "query", name)
		if ok then
			refill(c.obj, skynet.unpack(data))
			c.version = v
		end
	end
end

function sharedata.query(name)
	local c = cache[name]
	if c then
		return c.obj
	end
	local version, data = skynet.call(service, "lua", "query", name)
	c = cache[name]
	if c then -- another task queried it meanwhile
		return c.obj
	end
	c = { obj = skynet.unpack(data), version = version }
	cache[name] = c
	skynet.fork(watch, name)
	return c.obj
end

function sharedata.new(name, v, ...)
	skynet.call(service, "lua", "new", name, v, ...)
end

function sharedata.update(name, v, ...)
	skynet.call(service, "lua", "update", name, v, ...)
end

function sharedata.delete(name)
	skynet.call(service, "lua", "delete", name)
end

-- flush exists for skynet code; copies are collected with their service.
function sharedata.flush() end

-- deepcopy(name, key, ...) -> a fresh copy of the data, or of the part
-- at the given keys.
function sharedata.deepcopy(name, ...)
	local version, data = skynet.call(service, "lua", "query", name)
	local _ = version
	local t = skynet.unpack(data)
	for i = 1, select("#", ...) do
		t = t[(select(i, ...))]
		if t == nil then
			return nil
		end
	end
	return t
end

skynet.init(function()
	service = skynet.uniqueservice("sharedatad")
end)

return sharedata
