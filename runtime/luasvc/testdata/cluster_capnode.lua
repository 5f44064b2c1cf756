-- cluster_capnode: a listening node for the capture replay: the echo is
-- registered as @echo and the node listens on cap_port.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

skynet.start(function()
	local echo = skynet.newservice("cluster_capecho")
	cluster.register("echo", echo)
	cluster.open(tonumber(skynet.getenv("cap_port")))
	skynet.error("CAP_READY " .. echo)
end)
