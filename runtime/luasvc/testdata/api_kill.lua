-- api_kill: a killed or exiting service answers every caller with an error.
local skynet = require "skynet"
require "skynet.manager"
local T = require "t"

local function callers(target, cmd, n, ...)
	local results = {}
	local args = table.pack(...)
	for i = 1, n do
		skynet.fork(function()
			results[i] = { pcall(skynet.call, target, "lua", cmd, table.unpack(args, 1, args.n)) }
		end)
	end
	return results
end

skynet.start(function()
	T.run("kill answers callers blocked in the callee", function()
		local victim = skynet.newservice("echo")
		local sleeping = callers(victim, "sleep", 3, 10000)
		local waiting = callers(victim, "wait", 2)
		local parked = callers(victim, "later", 2)
		skynet.sleep(2)
		skynet.kill(victim)
		skynet.sleep(2)
		for _, group in ipairs({ sleeping, waiting, parked }) do
			for i, r in ipairs(group) do
				T.eq(r[1], false, "caller " .. i .. " ok")
				T.ok(string.find(tostring(r[2]), "call failed"), "caller error: " .. tostring(r[2]))
			end
		end
		T.eq(#sleeping + #waiting + #parked, 7, "all callers answered")
	end)

	T.run("requests queued behind a busy service when it is killed fail", function()
		local victim = skynet.newservice("echo")
		local first = callers(victim, "sleep", 1, 10000)
		local queued = callers(victim, "ping", 5, "x")
		skynet.yield()
		skynet.kill(victim)
		skynet.sleep(2)
		for i, r in ipairs(queued) do
			-- either answered before the kill, or failed; never left hanging
			T.ok(r[1] == true or string.find(tostring(r[2]), "call failed"), "queued caller " .. i)
		end
		T.eq(#queued, 5, "queued callers answered")
		T.eq(first[1][1], false, "sleeping caller failed")
	end)

	T.run("skynet.exit answers the pending callers", function()
		local victim = skynet.newservice("echo")
		local parked = callers(victim, "later", 3)
		skynet.sleep(1)
		skynet.send(victim, "lua", "exit")
		skynet.sleep(2)
		for i, r in ipairs(parked) do
			T.eq(r[1], false, "parked " .. i)
		end
		T.fails(function() skynet.call(victim, "lua", "ping") end, "call failed", "call after exit")
	end)

	T.run("a caller that dies makes its response closure return false", function()
		local keeper = skynet.newservice("keeper")
		local client = skynet.newservice("keeper_client")
		skynet.send(client, "lua", "go", keeper)
		skynet.sleep(2)
		skynet.kill(client)
		skynet.sleep(2)
		T.eq(skynet.call(keeper, "lua", "answer"), false, "closure after caller died")
	end)

	T.run("newservice of a broken file fails the caller", function()
		T.fails(function() skynet.newservice("broken_syntax") end, "call failed", "syntax error")
		T.fails(function() skynet.newservice("broken_start") end, "call failed", "start raises")
		T.fails(function() skynet.newservice("no_such_service_file") end, "call failed", "missing file")
	end)

	T.done()
end)
