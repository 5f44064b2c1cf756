-- launcher (".launcher"): creates every service started with newservice,
-- answers the caller once the new service's start function has finished
-- (LAUNCHOK) or failed (ERROR), and keeps the list the debug console shows.
local skynet = require "skynet"
local core = require "skynet.core"
require "skynet.manager"

local cmdline = {}   -- handle -> "snlua name args"
local pending = {}   -- handle -> response closure of the newservice caller
local commands = {}
local NO_REPLY = {}

local function each_service(query)
	local out = {}
	for handle, line in pairs(cmdline) do
		out[skynet.address(handle)] = query(handle, line)
	end
	return out
end

function commands.LIST()
	return each_service(function(_, line) return line end)
end

-- DEFAULT_TI is how long STAT, MEM and GC wait for the services, in 1/100 s
-- (skynet's time unit): a service stuck in a loop must not hang the
-- debug console that asked.
local DEFAULT_TI = 300

-- gather asks every service the debug command cmd at once and returns
-- address -> format(answer, cmdline). Services that fail show
-- "ERROR (cmdline)"; those that have not answered after ti show
-- "TIMEOUT (cmdline)" and their late answers are dropped.
local function gather(ti, cmd, format)
	local out, waiting = {}, 0
	local token = {}
	local done = false
	for handle, line in pairs(cmdline) do
		local addr = skynet.address(handle)
		out[addr] = string.format("TIMEOUT (%s)", line)
		waiting = waiting + 1
		skynet.fork(function()
			local ok, v = pcall(skynet.call, handle, "debug", cmd)
			if done then
				return
			end
			out[addr] = ok and format(v, line) or string.format("ERROR (%s)", line)
			waiting = waiting - 1
			if waiting == 0 then
				skynet.wakeup(token)
			end
		end)
	end
	if waiting > 0 then
		skynet.timeout(tonumber(ti) or DEFAULT_TI, function()
			skynet.wakeup(token)
		end)
		skynet.wait(token)
	end
	done = true
	return out
end

function commands.STAT(_, ti)
	return gather(ti, "STAT", function(stat) return stat end)
end

local function mem_line(kb, line)
	return string.format("%.2f Kb (%s)", kb, line)
end

function commands.MEM(_, ti)
	return gather(ti, "MEM", mem_line)
end

function commands.GC(_, ti)
	for handle in pairs(cmdline) do
		skynet.send(handle, "debug", "GC")
	end
	return gather(ti, "MEM", mem_line)
end

function commands.KILL(_, handle)
	handle = type(handle) == "string" and tonumber(handle:sub(2), 16) or handle
	skynet.kill(handle)
	local out = { [skynet.address(handle)] = tostring(cmdline[handle]) }
	cmdline[handle] = nil
	return out
end

-- REMOVE is sent by an exiting service (kill = false) or by skynet.kill.
function commands.REMOVE(_, handle, kill)
	cmdline[handle] = nil
	local reply = pending[handle]
	if reply then
		pending[handle] = nil
		reply(not kill)
	end
	return NO_REPLY
end

-- launch creates the service; the caller is answered by LAUNCHOK or ERROR.
-- with_log starts its message log first (LOGLAUNCH), so the file holds
-- every message it is sent from its first one on.
local function launch(with_log, module, ...)
	local args = table.concat({ ... }, " ")
	local reply = skynet.response()
	local handle = skynet.launch(module, args)
	if handle == nil then
		reply(false)
		return NO_REPLY
	end
	if with_log then
		local ok, err = pcall(core.logon, handle)
		if not ok then
			skynet.error("launcher: no message log for " .. skynet.address(handle) .. ": " .. tostring(err))
		end
	end
	cmdline[handle] = module .. " " .. args
	pending[handle] = reply
	return NO_REPLY
end

function commands.LAUNCH(_, module, ...)
	return launch(false, module, ...)
end

function commands.LOGLAUNCH(_, module, ...)
	return launch(true, module, ...)
end

function commands.LAUNCHOK(source)
	local reply = pending[source]
	if reply then
		pending[source] = nil
		reply(true, source)
	end
	return NO_REPLY
end

function commands.ERROR(source)
	local reply = pending[source]
	if reply then
		pending[source] = nil
		reply(false)
	end
	cmdline[source] = nil
	return NO_REPLY
end

-- A service whose main chunk fails to load reports with a text "ERROR".
skynet.register_protocol {
	name = "text",
	id = skynet.PTYPE_TEXT,
	unpack = skynet.tostring,
	dispatch = function(_, source, text)
		if text == "" then
			commands.LAUNCHOK(source)
		elseif text == "ERROR" then
			commands.ERROR(source)
		else
			error("launcher: unknown text command " .. tostring(text))
		end
	end,
}

skynet.dispatch("lua", function(session, source, cmd, ...)
	local f = commands[string.upper(tostring(cmd))]
	if f == nil then
		skynet.ret(skynet.pack({ "Unknown command" }))
		return
	end
	local result = f(source, ...)
	if result ~= NO_REPLY then
		skynet.ret(skynet.pack(result))
	end
end)

skynet.start(function() end)
