-- skynet.service: a unique service made from a function.
--
--   local service = require "skynet.service"
--   local addr = service.new("echo_client", function(proto) ... end, "ws")
--
-- The function is the service's body: it runs inside skynet.start in a
-- new service_cell, with the arguments given. It must reach everything
-- through globals and require, not upvalues (they do not travel to the
-- new service, in skynet either). A second new with the same name returns
-- the running service.
local skynet = require "skynet"
local c = require "skynet.core"

local service = {}

function service.new(name, mainfunc, ...)
	c.newcell(name, mainfunc, skynet.pack(...))
	return skynet.call(".service", "lua", "LAUNCH", "service_cell", name)
end

function service.query(name)
	return skynet.call(".service", "lua", "QUERY", "service_cell", name)
end

return service
