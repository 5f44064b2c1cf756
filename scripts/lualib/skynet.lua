-- skynet.lua: the skynet service API for skyconsole.
--
-- The public functions and the protocol table live here, in Lua, so they can
-- be read; sessions, blocking and message delivery live in Go ("skynet.core").
-- Blocking functions (call, sleep, wait) block the handler's goroutine rather
-- than yielding a coroutine, so they also work inside pcall, metamethods and
-- iterators.
local c = require "skynet.core"

local assert, error, pairs, select, tostring, tonumber, type = assert, error, pairs, select, tostring, tonumber, type
local tpack, tunpack, tconcat = table.pack, table.unpack, table.concat

local skynet = {
	PTYPE_TEXT = 0,
	PTYPE_RESPONSE = 1,
	PTYPE_MULTICAST = 2,
	PTYPE_CLIENT = 3,
	PTYPE_SYSTEM = 4,
	PTYPE_HARBOR = 5,
	PTYPE_SOCKET = 6,
	PTYPE_ERROR = 7,
	PTYPE_QUEUE = 8,
	PTYPE_DEBUG = 9,
	PTYPE_LUA = 10,
	PTYPE_SNAX = 11,
	PTYPE_TRACE = 12,
}

-- One copy of this module serves every service of a process (each gets a
-- proxy table), so it keeps no per-service state in Lua: protocols,
-- dispatch functions, init functions and trace tags live in Go, reached
-- through skynet.core. Module-level locals are never assigned after load.

function skynet.register_protocol(class)
	c.register_protocol(class)
end

local function protocol(typename)
	local p = c.protocol(typename)
	if p == nil then
		error("Unknown protocol " .. tostring(typename), 3)
	end
	return p
end

-- Serialisation ---------------------------------------------------------

skynet.pack = c.pack
skynet.packstring = c.pack
skynet.unpack = c.unpack

-- Message bodies are Lua strings here, so tostring only trims to sz.
function skynet.tostring(msg, sz)
	if msg == nil then
		return ""
	end
	if sz and sz < #msg then
		return msg:sub(1, sz)
	end
	return msg
end

-- Bodies are garbage collected; trash exists for API compatibility.
function skynet.trash(msg, sz) end

-- Sending ------------------------------------------------------------------

local c_sendlua, c_calllua = c.sendlua, c.calllua

function skynet.send(addr, typename, ...)
	if typename == "lua" then
		return c_sendlua(addr, ...)
	end
	local p = protocol(typename)
	return c.send(addr, p.id, 0, p.pack(...))
end

function skynet.rawsend(addr, typename, msg, sz)
	local p = protocol(typename)
	return c.send(addr, p.id, 0, skynet.tostring(msg, sz))
end

function skynet.call(addr, typename, ...)
	if typename == "lua" then
		return c_calllua(addr, ...)
	end
	local p = protocol(typename)
	return p.unpack(c.call(addr, p.id, p.pack(...)))
end

function skynet.rawcall(addr, typename, msg, sz)
	local p = protocol(typename)
	local reply = c.call(addr, p.id, skynet.tostring(msg, sz))
	return reply, #reply
end

function skynet.redirect(dest, source, typename, session, msg, sz)
	local p = protocol(typename)
	return c.redirect(dest, source or 0, p.id, session, skynet.tostring(msg, sz))
end

function skynet.genid()
	return c.genid()
end

-- Answering ----------------------------------------------------------------

skynet.ret = c.ret
skynet.retpack = c.retpack

function skynet.ignoreret()
	c.ignoreret()
end

-- response returns a function that answers the current request later, from
-- any handler: f(true, ...) replies, f(false) sends PTYPE_ERROR, f("TEST")
-- tells whether the caller still waits. It returns false once the caller
-- has gone.
function skynet.response(pack)
	pack = pack or c.pack
	local token = c.response()
	if token == 0 then
		return function() return false end
	end
	local used = false
	return function(ok, ...)
		if ok == "TEST" then
			return not used and c.alive(token)
		end
		if used then
			error("Can't response more than once", 2)
		end
		used = true
		if ok then
			return c.respond(token, true, pack(...))
		end
		return c.respond(token, false)
	end
end

-- Time and scheduling -----------------------------------------------------

function skynet.timeout(ti, func)
	assert(type(func) == "function", "skynet.timeout needs a function")
	return c.timeout(ti, func)
end

function skynet.sleep(ti, token)
	return c.sleep(ti, token or coroutine.running())
end

function skynet.yield()
	return c.sleep(0, coroutine.running())
end

function skynet.wait(token)
	token = token or coroutine.running()
	return c.wait(token)
end

function skynet.wakeup(token)
	return c.wakeup(token)
end

function skynet.fork(func, ...)
	local n = select("#", ...)
	if n == 0 then
		c.fork(func)
	else
		local args = tpack(...)
		c.fork(function() return func(tunpack(args, 1, n)) end)
	end
end

function skynet.now()
	return c.now()
end

function skynet.starttime()
	return c.starttime()
end

function skynet.time()
	return c.starttime() + c.now() / 100
end

function skynet.hpc()
	return c.hpc()
end

-- Identity and names -------------------------------------------------------

function skynet.self()
	return c.self()
end

function skynet.harbor(addr)
	return math.floor(addr / 0x1000000), false
end

function skynet.localname(name)
	return c.queryname(name)
end

function skynet.address(addr)
	if type(addr) == "number" then
		return string.format(":%08x", addr)
	end
	return tostring(addr)
end

-- Services -------------------------------------------------------------------

function skynet.newservice(name, ...)
	return skynet.call(".launcher", "lua", "LAUNCH", "snlua", name, ...)
end

function skynet.uniqueservice(global, ...)
	if global == true then
		return assert(skynet.call(".service", "lua", "GLAUNCH", ...))
	end
	return assert(skynet.call(".service", "lua", "LAUNCH", global, ...))
end

function skynet.queryservice(global, ...)
	if global == true then
		return assert(skynet.call(".service", "lua", "GQUERY", ...))
	end
	return assert(skynet.call(".service", "lua", "QUERY", global, ...))
end

function skynet.kill(name)
	if type(name) == "number" then
		skynet.send(".launcher", "lua", "REMOVE", name, true)
	end
	c.kill(name)
end

function skynet.exit()
	skynet.send(".launcher", "lua", "REMOVE", c.self(), false)
	c.exit()
end

function skynet.abort()
	c.abort()
end

function skynet.getenv(key)
	return c.getenv(key)
end

function skynet.setenv(key, value)
	assert(c.getenv(key) == nil, "Can't setenv exist key : " .. tostring(key))
	c.setenv(key, tostring(value))
end

function skynet.error(...)
	local n = select("#", ...)
	if n == 1 then
		return c.error(tostring((...)))
	end
	local t = {}
	for i = 1, n do
		t[i] = tostring((select(i, ...)))
	end
	return c.error(tconcat(t, " "))
end

-- Introspection ------------------------------------------------------------

function skynet.task(ret)
	local tasks = c.tasks()
	if ret == nil then
		local n = 0
		for _ in pairs(tasks) do n = n + 1 end
		return n
	end
	if type(ret) == "table" then
		for session, desc in pairs(tasks) do
			ret[session] = desc
		end
	end
	return tasks
end

function skynet.info_func(func)
	c.setinfo(func)
end

function skynet.stat(what)
	return c.stat(what)
end

function skynet.mqlen()
	return c.stat("mqlen")
end

function skynet.endless()
	return c.stat("endless")
end

function skynet.memlimit(bytes) end

-- skynet.trace tags the current handler: its next calls are preceded by a
-- PTYPE_TRACE message and both sides log <TRACE tag> lines.
function skynet.trace(info)
	skynet.error("TRACE", c.tracetag())
	local tag = c.trace()
	if info then
		skynet.error(string.format("<TRACE %s> %d trace %s", tag, c.hpc(), tostring(info)))
	else
		skynet.error(string.format("<TRACE %s> %d trace", tag, c.hpc()))
	end
end

-- skynet.traceproto(name|id, flag): with flag true, every incoming
-- message of that protocol starts a trace, as if its handler began with
-- skynet.trace() (the debug console's `trace address on`).
function skynet.traceproto(prototype, flag)
	c.traceproto(prototype, flag)
end

function skynet.tracetag()
	return c.tracetag()
end

-- Start-up -------------------------------------------------------------------

function skynet.init(func, name)
	if not c.addinit(func) then
		func() -- the service has started: run it now
	end
end

local traceback = c.traceback

local function run_start(start)
	local inits = c.takeinits()
	for i = 1, #inits do
		inits[i]()
	end
	start()
end

function skynet.init_service(start)
	local ok, err = xpcall(run_start, traceback, start)
	if ok then
		skynet.send(".launcher", "lua", "LAUNCHOK")
	else
		skynet.error("init service failed: " .. tostring(err))
		skynet.send(".launcher", "lua", "ERROR")
		skynet.exit()
	end
end

-- dispatch_message is the generic dispatcher: find the protocol, unpack
-- the body, call its dispatch function. Go does the same without this Lua
-- hop; skynet.filter installs a wrapper around this one.
function skynet.dispatch_message(prototype, msg, sz, session, source)
	local p = c.protocol(prototype)
	local f = p and c.dispatch(prototype)
	if f == nil then
		if session ~= 0 then
			error(string.format("Unknown request (%s) from %s session %d: no dispatch function",
				p and p.name or tostring(prototype), skynet.address(source), session))
		end
		skynet.error(string.format("Unknown request (%s): %d bytes from %s",
			p and p.name or tostring(prototype), #msg, skynet.address(source)))
		return
	end
	local unpack = p.unpack
	if unpack then
		return f(session, source, unpack(msg, #msg))
	end
	return f(session, source, msg, #msg)
end

function skynet.dispatch(typename, func)
	return c.dispatch(typename, func)
end

function skynet.start(start_func)
	c.timeout(0, function()
		skynet.init_service(start_func)
	end)
end

local function noop() end

-- Protocols every service speaks from the start (registered by Go).
skynet.builtin_protocols = {
	{ name = "lua", id = skynet.PTYPE_LUA, pack = c.pack, unpack = c.unpack },
	{ name = "response", id = skynet.PTYPE_RESPONSE },
	{ name = "error", id = skynet.PTYPE_ERROR, unpack = function(...) return ... end, dispatch = noop },
	{ name = "trace", id = skynet.PTYPE_TRACE, unpack = skynet.tostring, dispatch = noop },
	require("skynet.debug").protocol(skynet, c),
}

return skynet
