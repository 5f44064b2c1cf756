-- skynet.snax: services written as a set of functions. A snax service
-- file (found through the `snax` config key) defines
--
--   function init(...) end          when the service starts
--   function exit(...) end          when it is told to exit
--   function accept.name(...) end   a post: obj.post.name(...) sends it
--   function response.name(...) end a request: obj.req.name(...) calls it
--
-- and snax.newservice(name, ...) runs one in a snaxd service and returns
-- an object with .req, .post and .handle. Differences from skynet:
-- snax.hotfix and profiling are not provided.
local skynet = require "skynet"
local c = require "skynet.core"

local snax = {}
local interfaces = {} -- name -> interface

-- The system functions come first, so a service and its callers number
-- the same functions the same way.
local SYSTEM = { "init", "exit", "hotfix", "profile" }

-- load runs the service file in env (whose reads fall through to the
-- caller's globals) and numbers its functions: system ones first, then
-- accept and response functions in the order the file defines them.
local function load(name, env)
	local f, path = c.loadsnax(name)
	local funcs = {}
	local function group(kind)
		return setmetatable({}, {
			__newindex = function(t, k, v)
				assert(type(v) == "function", "snax " .. name .. ": " .. kind .. "." .. tostring(k) .. " must be a function")
				rawset(t, k, v)
				funcs[#funcs + 1] = { group = kind, name = k, f = v }
			end,
		})
	end
	env.accept = group("accept")
	env.response = group("response")
	setfenv(f, env)
	f()
	local si = { name = name, path = path, accept = {}, response = {}, system = {}, funcs = {} }
	for i, n in ipairs(SYSTEM) do
		si.system[n] = i
		si.funcs[i] = { id = i, group = "system", name = n, f = rawget(env, n) }
	end
	for i, fn in ipairs(funcs) do
		local id = #SYSTEM + i
		si[fn.group][fn.name] = id
		si.funcs[id] = { id = id, group = fn.group, name = fn.name, f = fn.f }
	end
	return si
end

snax.load = load

function snax.interface(name)
	local si = interfaces[name]
	if si == nil then
		si = load(name, setmetatable({}, { __index = _G }))
		interfaces[name] = si
	end
	return si
end

skynet.register_protocol {
	name = "snax",
	id = skynet.PTYPE_SNAX,
	pack = skynet.pack,
	unpack = skynet.unpack,
}

-- bind(handle, name) -> the object for a running snax service.
function snax.bind(handle, name)
	local si = snax.interface(name)
	local obj = { handle = handle, type = name }
	obj.req = setmetatable({}, {
		__index = function(t, k)
			local id = assert(si.response[k], "snax " .. name .. " has no response." .. tostring(k))
			local f = function(...)
				return skynet.call(handle, "snax", id, ...)
			end
			rawset(t, k, f)
			return f
		end,
	})
	obj.post = setmetatable({}, {
		__index = function(t, k)
			local id = assert(si.accept[k], "snax " .. name .. " has no accept." .. tostring(k))
			local f = function(...)
				skynet.send(handle, "snax", id, ...)
			end
			rawset(t, k, f)
			return f
		end,
	})
	return obj
end

local function init(handle, name, ...)
	skynet.call(handle, "snax", snax.interface(name).system.init, ...)
	return snax.bind(handle, name)
end

function snax.rawnewservice(name, ...)
	local handle = skynet.newservice("snaxd", name)
	skynet.call(handle, "snax", snax.interface(name).system.init, ...)
	return handle
end

function snax.newservice(name, ...)
	return init(skynet.newservice("snaxd", name), name, ...)
end

-- uniqueservice starts the service once per node; init runs only for
-- the first caller.
function snax.uniqueservice(name, ...)
	return init(skynet.call(".service", "lua", "LAUNCH", "snaxd", name), name, ...)
end

snax.globalservice = snax.uniqueservice

function snax.queryservice(name)
	return snax.bind(skynet.call(".service", "lua", "QUERY", "snaxd." .. name), name)
end

snax.queryglobal = snax.queryservice

-- kill(obj, ...) runs the service's exit(...) and ends it.
function snax.kill(obj, ...)
	skynet.call(obj.handle, "snax", snax.interface(obj.type).system.exit, ...)
end

-- self() -> the object of the snax service this code runs in.
function snax.self()
	return snax.bind(skynet.self(), SERVICE_NAME_SNAX or error("snax.self outside a snax service"))
end

function snax.exit(...)
	snax.kill(snax.self(), ...)
end

function snax.hotfix()
	error("snax.hotfix is not supported in skyconsole")
end

function snax.printf(fmt, ...)
	skynet.error(string.format(fmt, ...))
end

return snax
