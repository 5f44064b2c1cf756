-- api_service: skynet.service.new runs a function as a unique service.
local skynet = require "skynet"
local service = require "skynet.service"
local T = require "t"

skynet.start(function()
	local addr = service.new("adder", function(base, tag)
		local skynet = require "skynet"
		skynet.dispatch("lua", function(_, _, x)
			skynet.retpack(base + x, tag, SERVICE_NAME)
		end)
	end, 40, "from args")
	T.run("the function is the service's body, with its arguments", function()
		local sum, tag, name = skynet.call(addr, "lua", 2)
		T.eq(sum, 42, "uses its arguments")
		T.eq(tag, "from args", "string argument")
		T.eq(name, "service_cell", "runs in a service_cell")
	end)
	T.run("the same name gives the same service", function()
		T.eq(service.new("adder", function() end), addr, "new again")
		T.eq(service.query("adder"), addr, "query")
	end)
	T.done()
end)
