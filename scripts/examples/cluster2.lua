-- cluster2: calls node "db" of the cluster example in every way skynet
-- offers: by registered name, through a proxy, by handle after a query,
-- and with a push. Watch the trace: each remote call is a lua call to the
-- clustersender, and on node db client messages to a clusteragent.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

skynet.start(function()
	skynet.error("cluster2: GET a =", cluster.call("db", "@sdb", "GET", "a"))
	skynet.error("cluster2: GET b from db2 =", cluster.call("db2", "@sdb", "GET", "b"))
	cluster.send("db", "@sdb", "PING", "a push from cluster2")

	local proxy = cluster.proxy("db@sdb") -- "node@name" is cluster.proxy("db", "@sdb")
	skynet.error("cluster2: GET a through the proxy =", skynet.call(proxy, "lua", "GET", "a"))

	local handle = cluster.query("db", "sdb")
	skynet.error(string.format("cluster2: @sdb is %s on db; SET c = %s", skynet.address(handle),
		tostring(cluster.call("db", handle, "SET", "c", "set by handle"))))
	skynet.error("cluster2: GET c =", cluster.call("db", "@sdb", "GET", "c"))
	skynet.error("cluster2: done")
end)
