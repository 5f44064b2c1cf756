-- pingserver: a snax service (see skynet.snax). Start it with
-- snax.newservice("pingserver", "hello"), then obj.req.ping("x") and
-- obj.post.hello().
local skynet = require "skynet"

local greeting

function init(...)
	greeting = (...) or "pong"
	skynet.error("pingserver start:", ...)
end

function exit(...)
	skynet.error("pingserver exit:", ...)
end

function response.ping(what)
	return greeting .. " " .. tostring(what)
end

function accept.hello()
	skynet.error("pingserver: hello")
end
