-- debug_console: a line-oriented admin console over TCP.
--
--   skynet.newservice("debug_console", port [, ip])
--
-- Binds ip (127.0.0.1 unless told otherwise) and serves any number of
-- connections, each in its own fork. A client sends one command per line;
-- the reply is a block of lines, "key<TAB>value" or plain text, closed by
-- "<CMD OK>", or an error message closed by "<CMD Error>". Commands on one
-- connection run in order, so replies never interleave; a slow command
-- holds up only its own connection.
--
-- A connection whose first line is "GET /cmd HTTP/1.1" or "POST" (command
-- in the body) gets one HTTP/1.1 200 reply with the same text and is
-- closed, so curl and browsers work. To keep the HTTP reply clean, the
-- welcome line is sent only once a short grace period has passed without
-- any request, or just before the first console reply.
--
-- Addresses: ":0100000d" (full handle), "0100000d" (bare hex; the local
-- harbor is added when the top byte is zero) or ".name".
local skynet = require "skynet"
local core = require "skynet.core"
local socket = require "skynet.socket"

local port, ip = ...
ip = ip or "127.0.0.1"

local WELCOME = "Welcome to skynet console"
local GRACE = 10           -- ticks (1/100 s) to wait for an HTTP request line
local LINE_LIMIT = 65536   -- bytes a client may have buffered unread
local HEADER_LINES = 100   -- HTTP header lines accepted before giving up

local local_harbor = skynet.harbor(skynet.self())

local COMMAND = {}
local HELP = {}

local function fail(msg)
	error(msg, 0)
end

-- Output ---------------------------------------------------------------

-- Numeric keys first in numeric order, then the rest by their text, so
-- packed results read "1 ... n" and handles read in handle order.
local function key_before(a, b)
	local na, nb = type(a) == "number", type(b) == "number"
	if na ~= nb then
		return na
	end
	if na then
		return a < b
	end
	return tostring(a) < tostring(b)
end

local function sorted_keys(t)
	local keys = {}
	for k in pairs(t) do
		keys[#keys + 1] = k
	end
	table.sort(keys, key_before)
	return keys
end

-- inline renders a table on one line: "k:v<TAB>k:v", nested tables by name.
local function inline(t)
	local parts = {}
	for _, k in ipairs(sorted_keys(t)) do
		parts[#parts + 1] = tostring(k) .. ":" .. tostring(t[k])
	end
	return table.concat(parts, "\t")
end

-- show prints a command result: a table as one "key<TAB>value" line per
-- entry, anything else as one line; nil prints nothing.
local function show(say, result)
	if result == nil then
		return
	end
	if type(result) ~= "table" then
		say(tostring(result))
		return
	end
	for _, k in ipairs(sorted_keys(result)) do
		local v = result[k]
		if type(v) == "table" then
			say(tostring(k), inline(v))
		else
			say(tostring(k), tostring(v))
		end
	end
end

-- Arguments --------------------------------------------------------------

local function address(text)
	if text == nil or text == "" then
		fail("address expected")
	end
	if text:sub(1, 1) == "." then
		return skynet.localname(text) or fail("no service is named " .. text)
	end
	local hex = text:match("^:(%x+)$")
	if hex and #hex <= 8 then
		return tonumber(hex, 16)
	end
	hex = text:match("^(%x+)$")
	if hex and #hex <= 8 then
		local h = tonumber(hex, 16)
		if h < 0x1000000 then
			h = h + local_harbor * 0x1000000
		end
		return h
	end
	fail("Invalid address " .. text)
end

-- rest returns what follows the first n words of text.
local function rest(text, n)
	for _ = 1, n do
		text = text:match("^%s*%S+(.*)$") or ""
	end
	return (text:match("^%s*(.-)%s*$"))
end

-- Commands: COMMAND.x(say, tail, word1, word2, ...) --------------------

local function def(name, help, f)
	HELP[name] = help
	COMMAND[name] = f
end

local function need(value, what)
	if value == nil then
		fail(what .. " expected")
	end
	return value
end

local function unsupported(name, usage, why)
	def(name, usage .. " : not supported yet (" .. why .. ")", function()
		fail(name .. ": not supported yet (" .. why .. ")")
	end)
end

local function launcher(cmd, ...)
	return skynet.call(".launcher", "lua", cmd, ...)
end

local function debug_call(addr, cmd, ...)
	return skynet.call(address(addr), "debug", cmd, ...)
end

def("help", "help : this list", function()
	return HELP
end)

def("list", "list : services started by the launcher, with their command lines", function()
	return launcher("LIST")
end)

def("stat", "stat [ti] : per service cpu seconds, messages handled, queue length, parked tasks (waits ti/100 s, default 3 s)", function(_, _, ti)
	return launcher("STAT", tonumber(ti))
end)

def("mem", "mem [ti] : Lua memory of every service, in KB (waits ti/100 s, default 3 s)", function(_, _, ti)
	return launcher("MEM", tonumber(ti))
end)

def("gc", "gc [ti] : full garbage collection in every service, then mem", function(_, _, ti)
	return launcher("GC", tonumber(ti))
end)

def("info", "info address ... : what the service's info_func returns", function(_, _, addr, ...)
	return debug_call(addr, "INFO", ...)
end)

def("exit", "exit address : ask the service to call skynet.exit", function(_, _, addr)
	skynet.send(address(addr), "debug", "EXIT")
end)

def("kill", "kill address : remove the service at once, without Lua cleanup", function(_, _, addr)
	return launcher("KILL", address(addr))
end)

def("start", "start name ... : skynet.newservice(name, ...)", function(say, _, name, ...)
	local ok, h = pcall(skynet.newservice, need(name, "service name"), ...)
	if not ok then
		fail("start " .. name .. " failed (the node log says why): " .. tostring(h))
	end
	say(skynet.address(h), name)
end)

def("service", "service : unique services known to service_mgr", function()
	return skynet.call(".service", "lua", "LIST")
end)

def("task", "task address : the service's parked tasks, with tracebacks", function(_, _, addr)
	return debug_call(addr, "TASK")
end)

def("uniqtask", "uniqtask address : task, with identical tracebacks merged", function(_, _, addr)
	return debug_call(addr, "UNIQTASK")
end)

def("inject", "inject address file.lua ... : run a Lua file (read here) inside the service, show what it prints",
	function(say, _, addr, file, ...)
		local target = address(addr)
		local f, err = io.open(need(file, "script file"), "rb")
		if f == nil then
			fail("inject: " .. tostring(err))
		end
		local source = f:read("*a")
		f:close()
		local ok, output = skynet.call(target, "debug", "RUN", source, file, ...)
		if not ok then
			fail(tostring(output or "inject failed"))
		end
		if output and output ~= "" then
			say(output)
		end
	end)

def("signal", "signal address [sig] : signal the service; 0 breaks a running Lua loop", function(_, _, addr, sig)
	core.signal(address(addr), tonumber(sig) or 0)
end)

def("ping", "ping address : debug round trip, in 1/100 s", function(say, _, addr)
	local target = address(addr)
	local t0 = skynet.now()
	skynet.call(target, "debug", "PING")
	say(skynet.now() - t0)
end)

-- call evaluates its arguments as a Lua expression list in an empty
-- environment and prints the packed results ("n" is their count).
def("call", "call address exprs : skynet.call(address, \"lua\", exprs); exprs is a Lua expression list",
	function(_, tail, addr)
		local target = address(addr)
		local f, err = load("return " .. rest(tail, 1), "=(call)", "t", {})
		if f == nil then
			fail("bad arguments: " .. tostring(err))
		end
		local args = table.pack(f())
		return table.pack(skynet.call(target, "lua", table.unpack(args, 1, args.n)))
	end)

local SWITCH = { on = true, off = false }

def("trace", "trace address [proto] [on|off] : trace messages of proto (default lua)", function(_, _, addr, proto, onoff)
	if onoff == nil and SWITCH[proto] ~= nil then
		proto, onoff = nil, proto
	end
	local on = SWITCH[onoff]
	if on == nil then
		on = true
	end
	debug_call(addr, "TRACELOG", proto or "lua", on)
end)

local function size(n)
	if type(n) ~= "number" or n < 1024 then
		return n
	elseif n < 1024 * 1024 then
		return string.format("%.2fK", n / 1024)
	end
	return string.format("%.2fM", n / (1024 * 1024))
end

local function ago(now, t)
	return t and string.format("%ds", math.max(0, now - t))
end

def("netstat", "netstat : every socket of the node", function()
	local now = os.time()
	local out = {}
	for i, st in ipairs(socket.netstat()) do
		local row = {}
		for k, v in pairs(st) do
			row[k] = v
		end
		row.address = skynet.address(st.address)
		row.read, row.write, row.wbuffer = size(st.read), size(st.write), size(st.wbuffer)
		row.rtime, row.wtime = ago(now, st.rtime), ago(now, st.wtime)
		out[i] = row
	end
	return out
end)

-- dbgcmd prints whatever comes back: a table as a list, other values (MEM
-- answers a bare number) on one line.
def("dbgcmd", "dbgcmd address cmd ... : send any debug-protocol command", function(say, _, addr, cmd, ...)
	local r = table.pack(debug_call(addr, need(cmd, "debug command"), ...))
	if r.n == 1 then
		return r[1]
	end
	for i = 1, r.n do
		r[i] = tostring(r[i])
	end
	if r.n > 0 then
		say(table.concat(r, "\t", 1, r.n))
	end
end)

def("getenv", "getenv name : read a node environment key", function(say, _, name)
	say(need(name, "name"), tostring(skynet.getenv(name)))
end)

def("setenv", "setenv name value : add an environment key (existing keys are kept)", function(_, tail, name)
	skynet.setenv(need(name, "name"), rest(tail, 1))
end)

def("clearcache", "clearcache : drop the compiled Lua code cache", function()
	core.clearcache()
end)

-- No jemalloc and no malloc hook: the Go runtime owns memory, so these
-- say so rather than print zeros that look measured.
def("cmem", "cmem : C memory per service (not tracked: no malloc hook)", function(say)
	say("note", "skyconsole has no C allocator hook; C memory is not tracked")
	say("block", 0)
	say("total", 0)
end)

def("jmem", "jmem : jemalloc statistics (none: no jemalloc)", function(say)
	say("jemalloc is not in skyconsole; the Go runtime manages memory")
end)

def("profactive", "profactive [on|off] : jemalloc heap profiling (unavailable: no jemalloc)", function(say, _, onoff)
	if onoff == "on" then
		fail("can't turn heap profiling on: no jemalloc in skyconsole")
	end
	say("heap profiling is off (no jemalloc in skyconsole)")
end)

def("dumpheap", "dumpheap : dump the jemalloc heap profile (unavailable: no jemalloc)", function()
	fail("no heap profile to dump: no jemalloc in skyconsole")
end)

def("snax", "snax name ... : snax.newservice(name, ...)", function(say, _, name, ...)
	local snax = require "skynet.snax"
	local ok, obj = pcall(snax.newservice, need(name, "snax service name"), ...)
	if not ok then
		fail("snax " .. name .. " failed (the node log says why): " .. tostring(obj))
	end
	say(skynet.address(obj.handle), name)
end)
def("log", "log name ... : start a service with its message log on from the first message", function(say, _, name, ...)
	local ok, h = pcall(launcher, "LOGLAUNCH", "snlua", need(name, "service name"), ...)
	if not ok or not h then
		fail("log " .. name .. " failed (the node log says why): " .. tostring(h))
	end
	say(skynet.address(h), name)
end)

def("logon", "logon address : log every message the service gets to <logpath>/<handle>.log", function(say, _, addr)
	say("log", core.logon(address(addr)))
end)

def("logoff", "logoff address : stop that log", function(_, _, addr)
	core.logoff(address(addr))
end)
unsupported("debug", "debug address", "no remote debugger")
unsupported("killtask", "killtask address thread", "the debug protocol has no KILLTASK")

-- Running commands -------------------------------------------------------

-- execute runs one command line and returns its reply block.
local function execute(line)
	local out = {}
	local function say(...)
		local parts = {}
		for i = 1, select("#", ...) do
			parts[i] = tostring((select(i, ...)))
		end
		out[#out + 1] = table.concat(parts, "\t")
	end
	local words = {}
	for w in line:gmatch("%S+") do
		words[#words + 1] = w
	end
	local f = COMMAND[words[1]]
	if f == nil then
		say("Invalid command, type help for command list")
		say("<CMD Error>")
	else
		local ok, err = pcall(function()
			show(say, (f(say, rest(line, 1), table.unpack(words, 2))))
		end)
		if ok then
			say("<CMD OK>")
		else
			say(tostring(err))
			say("<CMD Error>")
		end
	end
	return table.concat(out, "\n") .. "\n"
end

-- HTTP -------------------------------------------------------------------

local function unescape(hex)
	return string.char(tonumber(hex, 16))
end

-- command_of_path turns "/call/.x/%22ping%22" or "/call+.x+..." into a
-- command line: "/" and "+" separate words, %XX escapes anything.
local function command_of_path(target)
	local path = target:gsub("^%a+://[^/]*", "")
	path = path:gsub("^/", ""):gsub("[/+]", " ")
	return (path:gsub("%%(%x%x)", unescape))
end

local function http_reply(fd, status, body)
	socket.write(fd, string.format(
		"HTTP/1.1 %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		status, #body, body))
end

local function serve_http(fd, request)
	local method, target = request:match("^(%u+)%s+(%S+)")
	if target == nil then
		return http_reply(fd, "400 Bad Request", "bad request line\n")
	end
	local length = 0
	local ended = false
	for _ = 1, HEADER_LINES do
		local h = socket.readline(fd, "\n")
		if not h then
			return
		end
		h = h:gsub("\r$", "")
		if h == "" then
			ended = true
			break
		end
		local k, v = h:match("^([^:]+):%s*(.-)%s*$")
		if k and k:lower() == "content-length" then
			length = tonumber(v) or 0
		end
	end
	if not ended then
		return http_reply(fd, "400 Bad Request", "too many header lines\n")
	end
	local body = ""
	if method == "POST" and length > 0 then
		if length > LINE_LIMIT then
			return http_reply(fd, "413 Payload Too Large", "body too large\n")
		end
		body = socket.read(fd, length) or ""
	end
	local lines = {}
	for line in body:gmatch("[^\r\n]+") do
		if line:find("%S") then
			lines[#lines + 1] = line
		end
	end
	if #lines == 0 then
		local cmd = command_of_path(target)
		lines[1] = cmd:find("%S") and cmd or "help"
	end
	local reply = {}
	for i, line in ipairs(lines) do
		reply[i] = execute(line)
	end
	http_reply(fd, "200 OK", table.concat(reply))
end

-- Connections --------------------------------------------------------------

local function serve(fd, peer)
	if not socket.start(fd) then
		return
	end
	socket.limit(fd, LINE_LIMIT)
	skynet.error(string.format("debug console: %s connected", peer))
	local greeted = false
	local function greet()
		if not greeted then
			greeted = true
			socket.write(fd, WELCOME .. "\n")
		end
	end
	skynet.timeout(GRACE, greet)
	while true do
		local line = socket.readline(fd, "\n")
		if not line then
			break
		end
		line = line:gsub("\r$", "")
		if line:match("^GET ") or line:match("^POST ") then
			greeted = true
			serve_http(fd, line)
			break
		end
		greet()
		if line:find("%S") then
			socket.write(fd, execute(line))
		end
	end
	greeted = true -- the id may be reused before the grace timer fires
	socket.close(fd)
	skynet.error(string.format("debug console: %s disconnected", peer))
end

skynet.start(function()
	local p = tonumber(port)
	if p == nil then
		error("debug_console: port expected, got " .. tostring(port))
	end
	-- listen gives id, bound host, bound port; or nil and an error
	local id, why, bound = socket.listen(ip, p)
	if id == nil then
		error(string.format("debug_console: listen on %s:%d failed: %s", ip, p, tostring(why)))
	end
	skynet.error(string.format("Start debug console at %s:%d", ip, tonumber(bound) or p))
	socket.start(id, function(fd, peer)
		skynet.fork(serve, fd, peer)
	end)
end)
