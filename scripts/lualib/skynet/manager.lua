-- skynet.manager: launching, naming and killing services.
local skynet = require "skynet"
local c = require "skynet.core"

-- launch("snlua", "name args") starts a service without the launcher's
-- bookkeeping and returns its handle (nil on failure).
function skynet.launch(...)
	local line = table.concat({ ... }, " ")
	local module, args = line:match("^(%S+)%s*(.*)$")
	if module == nil then
		error("skynet.launch: empty command", 2)
	end
	return c.launch(module, args)
end

function skynet.register(name)
	c.name(name, c.self())
end

function skynet.name(name, handle)
	c.name(name, handle)
end

function skynet.abort()
	c.abort()
end

-- forward_type dispatches messages of protocol `from` as protocol `to`
-- (map = { [from_id] = to_id }), as proxies need.
function skynet.forward_type(map, start_func)
	c.callback(function(prototype, msg, sz, session, source)
		return skynet.dispatch_message(map[prototype] or prototype, msg, sz, session, source)
	end)
	skynet.start(start_func)
end

-- filter(f, start_func): every message passes through
-- f(type, msg, sz, session, source), which returns what to dispatch.
function skynet.filter(f, start_func)
	c.callback(function(...)
		return skynet.dispatch_message(f(...))
	end)
	skynet.start(start_func)
end

-- monitor(service [, query]) starts (or, with query, finds) the unique
-- service that hears of every exit: each ended service sends it an
-- empty "client" message (PTYPE_CLIENT) as its source.
function skynet.monitor(service, query)
	local m
	if query then
		m = skynet.queryservice(true, service)
	else
		m = skynet.uniqueservice(true, service)
	end
	assert(m, "Monitor launch failed")
	c.monitor(m)
	return m
end

return skynet
