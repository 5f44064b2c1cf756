-- skynet.datacenter: a client of the DATACENTER service's key tree.
local skynet = require "skynet"

local datacenter = {}

function datacenter.get(...)
	return skynet.call("DATACENTER", "lua", "QUERY", ...)
end

-- set(k1, k2, ..., value) returns the old value.
function datacenter.set(...)
	return skynet.call("DATACENTER", "lua", "UPDATE", ...)
end

-- wait(k1, k2, ...) returns at once if the path has a value, else blocks
-- until a set stores one there.
function datacenter.wait(...)
	return skynet.call("DATACENTER", "lua", "WAIT", ...)
end

return datacenter
