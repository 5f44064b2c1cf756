-- api_debug: the debug protocol and the launcher's commands.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	local echo = skynet.newservice("echo")
	skynet.call(echo, "lua", "ping", 1)

	T.run("debug MEM, GC, PING, SUPPORT", function()
		local kb = skynet.call(echo, "debug", "MEM")
		T.ok(type(kb) == "number" and kb > 0, "MEM is KB")
		T.ok(type(skynet.call(echo, "debug", "GC")) == "number", "GC")
		skynet.call(echo, "debug", "PING")
		T.eq(skynet.call(echo, "debug", "SUPPORT", "lua"), true, "supports lua")
		T.eq(skynet.call(echo, "debug", "SUPPORT", "nope"), false, "not nope")
	end)

	T.run("debug MEM is the service's own and grows with what it holds", function()
		local fresh = skynet.newservice("echo")
		local before = skynet.call(echo, "debug", "MEM")
		for _ = 1, 500 do
			skynet.send(echo, "lua", "later") -- each parks a response closure
		end
		local after = skynet.call(echo, "debug", "MEM")
		T.ok(after > before + 20, string.format("MEM %.1f KB -> %.1f KB after 500 parked closures", before, after))
		local other = skynet.call(fresh, "debug", "MEM")
		T.ok(other < after - 20, string.format("another service reports %.1f KB, not %.1f", other, after))
		T.ok(other < 1024, string.format("an idle service holds %.1f KB", other))
		skynet.call(echo, "lua", "flush")
		T.ok(skynet.call(echo, "debug", "MEM") < after, "smaller after the flush")
		skynet.kill(fresh)
	end)

	T.run("debug STAT counts messages", function()
		local st = skynet.call(echo, "debug", "STAT")
		T.ok(st.message >= 3, "message count " .. tostring(st.message))
		T.eq(st.mqlen, 0, "mqlen")
		T.eq(st.task, 0, "no waiting task")
		T.ok(st.cpu >= 0, "cpu")
	end)

	T.run("debug TASK shows a blocked call", function()
		local victim = skynet.newservice("echo")
		skynet.fork(function() pcall(skynet.call, victim, "lua", "sleep", 500) end)
		skynet.sleep(1)
		local tasks = skynet.call(victim, "debug", "TASK")
		local n = 0
		for session, desc in pairs(tasks) do
			n = n + 1
			T.ok(string.find(desc, "sleep"), "task desc " .. desc)
		end
		T.eq(n, 1, "one task")
		skynet.kill(victim)
	end)

	T.run("debug INFO calls info_func", function()
		local s = skynet.newservice("info_service")
		local info = skynet.call(s, "debug", "INFO", "x")
		T.eq(info.arg, "x", "info arg")
		T.eq(skynet.call(echo, "debug", "INFO"), nil, "no info_func")
	end)

	T.run("debug RUN injects code with print captured", function()
		local ok, out = skynet.call(echo, "debug", "RUN", "print('hello', ...) return 1", "inject.lua", "x", 42)
		T.eq(ok, true, "ran")
		T.eq(out, "hello\tx\t42", "captured output")
		local ok2, err = skynet.call(echo, "debug", "RUN", "this is not lua", "bad.lua")
		T.eq(ok2, false, "compile error reported")
	end)

	T.run("debug EXIT makes the service exit", function()
		local s = skynet.newservice("echo")
		skynet.send(s, "debug", "EXIT")
		skynet.sleep(1)
		T.fails(function() skynet.call(s, "lua", "ping") end, "call failed", "after EXIT")
	end)

	T.run("launcher LIST, STAT, MEM, KILL", function()
		local list = skynet.call(".launcher", "lua", "LIST")
		T.eq(list[skynet.address(echo)], "snlua echo", "echo listed")
		local stat = skynet.call(".launcher", "lua", "STAT")
		T.eq(type(stat[skynet.address(echo)]), "table", "stat of echo")
		local mem = skynet.call(".launcher", "lua", "MEM")
		T.ok(string.find(mem[skynet.address(echo)], "Kb %(snlua echo%)"), "mem line")
		local victim = skynet.newservice("echo")
		local killed = skynet.call(".launcher", "lua", "KILL", victim)
		T.eq(killed[skynet.address(victim)], "snlua echo", "kill reply")
		T.eq(skynet.call(".launcher", "lua", "LIST")[skynet.address(victim)], nil, "gone from list")
		T.fails(function() skynet.call(victim, "lua", "ping") end, "call failed", "killed")
	end)

	T.done()
end)
