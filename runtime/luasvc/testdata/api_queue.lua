-- api_queue: skynet.queue serialises handlers that block inside it.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	local svc = skynet.newservice("queue_svc")
	local results = {}
	local done = 0
	local function go(name, ticks)
		skynet.fork(function()
			local ok, r = pcall(skynet.call, svc, "lua", "work", name, ticks)
			results[name] = ok and r or "failed"
			done = done + 1
		end)
	end
	go("a", 5)
	go("boom", 1)
	go("nest", 1)
	go("c", 1)
	while done < 4 do
		skynet.sleep(1)
	end
	T.run("one handler at a time, in arrival order, even while they sleep", function()
		T.eq(skynet.call(svc, "lua", "log"),
			"enter a,leave a,enter boom,enter nest,nested,leave nest,enter c,leave c", "order")
	end)
	T.run("results and errors reach each caller", function()
		T.eq(results.a, "a", "a")
		T.eq(results.boom, "failed", "boom raised")
		T.eq(results.nest, "nest", "nest re-entered")
		T.eq(results.c, "c", "c after the error released the section")
	end)
	T.done()
end)
