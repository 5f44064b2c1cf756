-- queue_svc: a service whose "work" handler runs inside a skynet.queue
-- critical section and sleeps there; it records enter/leave order.
local skynet = require "skynet"
local queue = require "skynet.queue"

local cs = queue()
local log = {}

local function work(name, ticks)
	log[#log + 1] = "enter " .. name
	skynet.sleep(ticks)
	if name == "boom" then
		error("boom inside the section")
	end
	if name == "nest" then
		cs(function() log[#log + 1] = "nested" end)
	end
	log[#log + 1] = "leave " .. name
	return name
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, ...)
		if cmd == "work" then
			skynet.retpack(cs(work, ...))
		elseif cmd == "log" then
			skynet.retpack(table.concat(log, ","))
		end
	end)
end)
