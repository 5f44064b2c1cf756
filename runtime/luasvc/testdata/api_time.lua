-- api_time: timeout order, sleep, yield, wait/wakeup, fork, clocks.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	T.run("timeouts fire in time order, equal times in creation order", function()
		local order = {}
		-- ticks far enough apart that a clock tick between two calls (which
		-- shifts one expiry by a tick, as in skynet) cannot reorder them
		skynet.timeout(30, function() order[#order + 1] = "c3" end)
		skynet.timeout(10, function() order[#order + 1] = "a1" end)
		skynet.timeout(20, function() order[#order + 1] = "b2" end)
		skynet.timeout(10, function() order[#order + 1] = "a1'" end)
		skynet.timeout(0, function() order[#order + 1] = "z0" end)
		skynet.sleep(40)
		T.eq(table.concat(order, ","), "z0,a1,a1',b2,c3", "order")
	end)

	T.run("sleep waits at least its time", function()
		local t0 = skynet.now()
		skynet.sleep(5)
		T.ok(skynet.now() - t0 >= 5, "slept 5 ticks")
	end)

	T.run("a timeout longer than one wheel turn fires", function()
		local fired = false
		local t0 = skynet.now()
		skynet.timeout(300, function() fired = skynet.now() - t0 end)
		skynet.sleep(310)
		T.ok(fired and fired >= 300, "fired after 300 ticks")
	end)

	T.run("fork runs after the current step, in fork order", function()
		local order = {}
		skynet.fork(function() order[#order + 1] = "f1" end)
		skynet.fork(function(a, b) order[#order + 1] = a .. b end, "f", "2")
		order[#order + 1] = "main"
		skynet.yield()
		T.eq(table.concat(order, ","), "main,f1,f2", "order")
	end)

	T.run("wait parks until wakeup; wakeup of nobody is false", function()
		local co
		local got = {}
		skynet.fork(function()
			co = coroutine.running()
			got[#got + 1] = "waiting"
			skynet.wait(co)
			got[#got + 1] = "woken"
		end)
		skynet.yield()
		T.eq(table.concat(got, ","), "waiting", "before wakeup")
		T.eq(skynet.wakeup(co), true, "wakeup")
		T.eq(skynet.wakeup({}), false, "wakeup of no waiter")
		skynet.yield()
		T.eq(table.concat(got, ","), "waiting,woken", "after wakeup")
	end)

	T.run("wakeup breaks a sleep", function()
		local token = {}
		local res = "none"
		skynet.fork(function()
			res = skynet.sleep(1000, token)
		end)
		skynet.yield()
		T.eq(skynet.wakeup(token), true, "wakeup")
		skynet.yield()
		T.eq(res, "BREAK", "sleep result")
	end)

	T.run("clocks: now, time, starttime, hpc", function()
		T.ok(skynet.now() >= 0, "now")
		T.ok(math.abs(skynet.time() - os.time()) < 2, "time near os.time")
		T.ok(skynet.starttime() <= os.time(), "starttime")
		local a = skynet.hpc()
		local b = skynet.hpc()
		T.ok(b >= a, "hpc monotonic")
	end)

	T.run("sessions: the first call of a service is session 2", function()
		-- skynet.start's timeout(0) used session 1 in every service; the
		-- probe service reports the session of its first call.
		local probe = skynet.newservice("probe_session")
		T.eq(skynet.call(probe, "lua", "first"), 2, "first call session")
	end)

	T.done()
end)
