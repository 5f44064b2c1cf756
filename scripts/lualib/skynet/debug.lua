-- skynet.debug: the debug protocol (PTYPE_DEBUG = 9) every Lua service
-- answers. The debug console and the launcher use it for mem, stat, task,
-- info, exit, inject (RUN), ping and trace. Like skynet.lua it is shared by
-- all services, so per-service parts (extra commands, info_func) are kept
-- by skynet.core.
local M = {}

function M.protocol(skynet, c)
	local cmd = {}

	function cmd.MEM()
		local kb = collectgarbage("count")
		c.memkb(kb)
		skynet.ret(skynet.pack(kb))
	end

	function cmd.GC()
		local before = collectgarbage("count")
		collectgarbage("collect")
		local after = collectgarbage("count")
		skynet.error(string.format("GC %.2f Kb -> %.2f Kb", before, after))
		skynet.ret(skynet.pack(after))
	end

	function cmd.STAT()
		skynet.ret(skynet.pack({
			task = c.stat("task"),
			mqlen = c.stat("mqlen"),
			cpu = c.stat("cpu"),
			message = c.stat("message"),
		}))
	end

	function cmd.TASK()
		skynet.ret(skynet.pack(c.tasks()))
	end

	function cmd.UNIQTASK()
		local uniq = {}
		for session, desc in pairs(c.tasks()) do
			local entry = uniq[desc]
			if entry then
				entry.n = entry.n + 1
			else
				uniq[desc] = { n = 1, session = session }
			end
		end
		local out = {}
		for desc, entry in pairs(uniq) do
			out[string.format("N=%d session %d", entry.n, entry.session)] = desc
		end
		skynet.ret(skynet.pack(out))
	end

	function cmd.INFO(...)
		local f = c.getinfo()
		if f then
			skynet.ret(skynet.pack(f(...)))
		else
			skynet.ret(skynet.pack(nil))
		end
	end

	function cmd.EXIT()
		skynet.exit()
	end

	-- RUN: run code inside this service (debug console `inject`). print
	-- output is collected and returned; _P holds the service's protocols.
	function cmd.RUN(source, filename, ...)
		local out = {}
		local function capture(...)
			local parts = {}
			for i = 1, select("#", ...) do
				parts[i] = tostring((select(i, ...)))
			end
			out[#out + 1] = table.concat(parts, "\t")
		end
		local env = setmetatable({ print = capture, _P = c.protocols() }, { __index = c.globals() })
		local fn, err = load(source, "@" .. tostring(filename), "t", env)
		if not fn then
			skynet.ret(skynet.pack(false, err))
			return
		end
		local ok, perr = pcall(fn, ...)
		if not ok then
			out[#out + 1] = tostring(perr)
		end
		skynet.ret(skynet.pack(ok, table.concat(out, "\n")))
	end

	function cmd.TERM(service)
		skynet.ret(skynet.pack(nil))
	end

	function cmd.SUPPORT(pname)
		skynet.ret(skynet.pack(c.protocol(pname) ~= nil))
	end

	function cmd.PING()
		skynet.ret()
	end

	function cmd.LINK()
		-- answered with an error when this service exits
		skynet.response()
	end

	function cmd.TRACELOG(pname, on)
		if type(pname) ~= "string" then
			pname, on = "lua", pname
		end
		on = on ~= false
		skynet.error(string.format("Turn trace log %s for %s", tostring(on), pname))
		skynet.traceproto(pname, on)
		skynet.ret()
	end

	function skynet.reg_debugcmd(name, fn)
		c.regdebug(name, fn)
	end

	return {
		name = "debug",
		id = skynet.PTYPE_DEBUG,
		pack = c.pack,
		unpack = c.unpack,
		dispatch = function(session, source, name, ...)
			local f = cmd[name] or c.getdebug(name)
			if f == nil then
				error("Unknown debug command " .. tostring(name))
			end
			f(...)
		end,
	}
end

return M
