-- mem_probe: spawns mem_count idle services between two markers so the Go
-- side can measure the memory each one costs.
local skynet = require "skynet"

skynet.start(function()
	local n = tonumber(skynet.getenv("mem_count")) or 1000
	local warm = skynet.newservice("idle")
	skynet.call(warm, "lua", "ping")
	skynet.error("MEM_BEFORE")
	skynet.sleep(20)
	local t0 = skynet.now()
	local all = {}
	for i = 1, n do
		all[i] = skynet.newservice("idle")
	end
	local t1 = skynet.now()
	for i = 1, n do
		assert(skynet.call(all[i], "lua", "ping") == "ping")
	end
	skynet.error(string.format("MEM_AFTER spawn_per_sec=%.0f", n / math.max(t1 - t0, 1) * 100))
	skynet.sleep(1000000)
end)
