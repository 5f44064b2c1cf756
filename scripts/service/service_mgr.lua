-- service_mgr (".service"): unique services. LAUNCH starts a named service
-- once and gives every caller the same handle; QUERY waits until a unique
-- service exists. On a single node the global variants behave the same.
local skynet = require "skynet"
require "skynet.manager"

local handles = {}   -- name -> handle of a running unique service
local launching = {} -- name -> true while its newservice is in progress
local waiters = {}   -- name -> replies of LAUNCH/QUERY callers waiting for it

local function park(name)
	local list = waiters[name]
	if list == nil then
		list = {}
		waiters[name] = list
	end
	list[#list + 1] = skynet.response()
end

local function settle(name, ok, handle)
	launching[name] = nil
	if ok then
		handles[name] = handle
	end
	local list = waiters[name]
	waiters[name] = nil
	for _, reply in ipairs(list or {}) do
		if ok then
			reply(true, handle)
		else
			reply(false)
		end
	end
end

-- launch returns the handle, or nothing when the caller was parked. A snax
-- service is unique per snax name: "snaxd", "pingserver" is kept as
-- "snaxd.pingserver" (what QUERY takes for it).
local function launch(service, ...)
	local name = service
	if service == "snaxd" or service == "service_cell" then
		name = service .. "." .. tostring((...))
	end
	if handles[name] then
		return handles[name]
	end
	if launching[name] then
		park(name)
		return nil, true
	end
	launching[name] = true
	local ok, handle = pcall(skynet.newservice, service, ...)
	settle(name, ok, handle)
	if not ok then
		error(handle)
	end
	return handle
end

local function query(name, ...)
	if name == "snaxd" or name == "service_cell" then -- QUERY "snaxd", snaxname
		name = name .. "." .. tostring((...))
	end
	if handles[name] then
		return handles[name]
	end
	park(name)
	return nil, true
end

local commands = {
	LAUNCH = launch,
	GLAUNCH = launch,
	QUERY = query,
	GQUERY = query,
}

function commands.LIST()
	local out = {}
	for name, h in pairs(handles) do
		out[name] = skynet.address(h)
	end
	for name in pairs(launching) do
		out[name] = "launching"
	end
	return out
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = commands[cmd]
		if f == nil then
			error("service_mgr: unknown command " .. tostring(cmd))
		end
		local result, parked = f(...)
		if not parked then
			skynet.ret(skynet.pack(result))
		end
	end)
	skynet.register(".service")
end)
