-- cluster_b: the listening node of the cluster tests: registers
-- cluster_echo as @echo (and .cecho locally) and listens as node "b".
local skynet = require "skynet"
require "skynet.manager"
local cluster = require "skynet.cluster"

skynet.start(function()
	local port = assert(skynet.getenv("b_port"), "b_port not set")
	local echo = skynet.newservice("cluster_echo")
	skynet.name(".cecho", echo)
	cluster.register("echo", echo)
	cluster.reload({ b = "127.0.0.1:" .. port })
	cluster.open("b")
	require("skynet.snax").uniqueservice("pingserver", "remote")
	skynet.error("B_READY " .. skynet.address(echo))
end)
