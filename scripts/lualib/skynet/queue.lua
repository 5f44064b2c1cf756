-- skynet.queue: a critical section for the handlers of one service.
--
--   local queue = require "skynet.queue"
--   local cs = queue()
--   skynet.dispatch("lua", function(session, source, cmd, ...)
--       skynet.ret(skynet.pack(cs(handle, cmd, ...)))
--   end)
--
-- cs(f, ...) runs f(...) and returns its results, but while one handler is
-- inside (even while it blocks in skynet.call or skynet.sleep), the others
-- wait their turn, first come first served. The same handler may enter
-- again from inside f. An error in f is raised in that handler after the
-- section is released for the next one.
local skynet = require "skynet"

local function traceback(err)
	return debug.traceback(tostring(err), 2)
end

return function()
	local owner       -- the thread inside the section
	local depth = 0   -- how many times owner entered (re-entry)
	local waiting = {} -- threads waiting to enter, in order

	local function leave(ok, ...)
		depth = depth - 1
		if depth == 0 then
			owner = table.remove(waiting, 1)
			if owner then
				skynet.wakeup(owner)
			end
		end
		if not ok then
			error((...), 0)
		end
		return ...
	end

	return function(f, ...)
		local me = coroutine.running()
		if owner ~= nil and owner ~= me then
			waiting[#waiting + 1] = me
			skynet.wait(me)
			-- leave() handed the section to us
		end
		owner = me
		depth = depth + 1
		return leave(xpcall(f, traceback, ...))
	end
end
