-- cluster1: node "db" of the cluster example. It starts a simpledb,
-- exposes it to other nodes as @sdb, and listens under the names db and
-- db2 of clustername.lua.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

skynet.start(function()
	local sdb = skynet.newservice("simpledb")
	cluster.register("sdb", sdb)
	skynet.call(sdb, "lua", "SET", "a", "foobar")
	skynet.call(sdb, "lua", "SET", "b", "foobar2")
	cluster.open("db")
	cluster.open("db2")
	skynet.error("cluster1: simpledb is @sdb on nodes db and db2")
end)
