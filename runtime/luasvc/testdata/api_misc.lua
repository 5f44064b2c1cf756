-- api_misc: init, rawsend, ignoreret, trash, pack/unpack/packstring,
-- tostring, task, trace, skynet.coroutine, TRACELOG, register_protocol.
local skynet = require "skynet"
local scoroutine = require "skynet.coroutine"
local T = require "t"

local init_order = {}
skynet.init(function() init_order[#init_order + 1] = "init1" end)
skynet.init(function() init_order[#init_order + 1] = "init2" end)

skynet.start(function()
	init_order[#init_order + 1] = "start"
	local echo = skynet.newservice("echo")

	T.run("init functions run before the start function, in order", function()
		T.eq(table.concat(init_order, ","), "init1,init2,start", "order")
	end)

	T.run("pack, unpack, packstring and tostring", function()
		local msg = skynet.pack(1, "two", { 3 }, true, nil)
		T.eq(type(msg), "string", "pack gives a body")
		local a, b, c, d, e = skynet.unpack(msg)
		T.eq(a, 1, "a")
		T.eq(b, "two", "b")
		T.eq(c[1], 3, "c")
		T.eq(d, true, "d")
		T.eq(e, nil, "e")
		T.eq(select("#", skynet.unpack(msg)), 5, "count")
		T.eq(skynet.packstring("x"), skynet.pack("x"), "packstring")
		T.eq(skynet.tostring("abcdef", 3), "abc", "tostring with size")
		T.eq(skynet.tostring("abc"), "abc", "tostring")
		T.eq(skynet.pack(), "", "pack() is empty")
		T.eq(select("#", skynet.unpack("")), 0, "unpack of empty")
		T.fails(function() skynet.pack(function() end) end, "Unsupport type function", "function")
		T.fails(function() skynet.unpack("\7") end, "Invalid serialize stream", "bad stream")
		skynet.trash(msg, #msg)
	end)

	T.run("rawsend delivers a packed body", function()
		skynet.rawsend(echo, "lua", skynet.pack("inc"))
		T.eq(skynet.call(echo, "lua", "count"), 1, "count")
	end)

	T.run("a custom protocol with its own pack and unpack", function()
		local custom = skynet.newservice("custom_proto")
		skynet.register_protocol {
			name = "upper",
			id = 100,
			pack = function(s) return s end,
			unpack = function(msg, sz) return msg end,
		}
		T.eq(skynet.call(custom, "upper", "hello"), "HELLO", "custom protocol call")
		T.fails(function() skynet.register_protocol { name = "upper", id = 101 } end, "already registered", "duplicate")
		T.fails(function() skynet.register_protocol { name = "bad", id = 300 } end, "0..255", "bad id")
	end)

	T.run("ignoreret silences the forgotten-response warning", function()
		-- two requests (non-zero sessions) that are never answered: the Go
		-- side checks that exactly one "Maybe forgot response" is logged.
		local quiet = skynet.newservice("custom_proto")
		skynet.redirect(quiet, skynet.self(), "lua", skynet.genid(), skynet.pack("noreply_ignored"))
		skynet.redirect(quiet, skynet.self(), "lua", skynet.genid(), skynet.pack("noreply_forgot"))
		T.eq(skynet.call(quiet, "lua", "ping"), "pong", "still alive")
	end)

	T.run("skynet.task counts blocked handlers", function()
		T.eq(skynet.task(), 0, "none")
		local done = false
		skynet.fork(function() skynet.sleep(100) done = true end)
		skynet.yield()
		T.eq(skynet.task(), 1, "one sleeping")
		local t = {}
		skynet.task(t)
		local n = 0
		for _, desc in pairs(t) do
			n = n + 1
			T.ok(string.find(desc, "sleep"), "desc " .. desc)
		end
		T.eq(n, 1, "one entry")
	end)

	T.run("trace tags calls and logs TRACE lines", function()
		skynet.trace("probe")
		local tag = skynet.tracetag()
		T.ok(tag and string.find(tag, skynet.address(skynet.self()), 1, true), "tag " .. tostring(tag))
		T.eq(skynet.call(echo, "lua", "ping", "traced"), "traced", "traced call")
		T.eq(skynet.call(echo, "debug", "TRACELOG", "lua", true), nil, "TRACELOG")
	end)

	T.run("skynet.coroutine runs blocking calls inside coroutines", function()
		local co = scoroutine.create(function(x)
			local y = scoroutine.yield(skynet.call(echo, "lua", "ping", x))
			return skynet.call(echo, "lua", "ping", y)
		end)
		local ok, v = scoroutine.resume(co, 1)
		T.eq(v, 1, "first")
		ok, v = scoroutine.resume(co, 2)
		T.eq(v, 2, "second")
		T.eq(scoroutine.status(co), "dead", "dead")
		local w = scoroutine.wrap(function() return skynet.call(echo, "lua", "ping", "w") end)
		T.eq(w(), "w", "wrap")
	end)

	T.run("writes to shared libraries stay in the service", function()
		string.api_misc_marker = true
		local other = skynet.newservice("custom_proto")
		T.eq(skynet.call(other, "lua", "marker"), false, "other service does not see it")
		T.eq(string.api_misc_marker, true, "this one does")
	end)

	T.done()
end)
