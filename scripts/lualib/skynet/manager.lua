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

-- forward_type maps incoming protocol ids to other protocols (used by
-- proxies); a message forwarded this way is not unpacked.
function skynet.forward_type(map, start_func)
	for from, to in pairs(map) do
		local p = skynet.proto_table[to]
		if p and not skynet.proto_table[from] then
			skynet.proto_table[from] = p
		end
	end
	skynet.start(start_func)
end

function skynet.filter(f, start_func)
	local dispatch = skynet.dispatch_message
	skynet.dispatch_message = function(...)
		return dispatch(f(...))
	end
	skynet.start(start_func)
end

function skynet.monitor(service, query)
	return nil
end

return skynet
