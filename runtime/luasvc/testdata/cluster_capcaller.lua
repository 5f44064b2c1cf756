-- cluster_capcaller: the calling side of the capture replay; the Go test
-- plays node "peer" and answers with the captured frames.
local skynet = require "skynet"
local cluster = require "skynet.cluster"
local T = require "t"

skynet.start(function()
	cluster.reload({ peer = "127.0.0.1:" .. skynet.getenv("cap_port") })
	T.run("call by name", function()
		local ok, a, b = pcall(cluster.call, "peer", "@svc", "hi", 1)
		T.eq(ok, true, "ok")
		T.eq(a, "reply", "first")
		T.eq(b, true, "second")
	end)
	T.run("send", function()
		T.eq(pcall(cluster.send, "peer", "@svc", "evt", 2), true, "send")
	end)
	T.run("call by handle", function()
		local ok, v = pcall(cluster.call, "peer", 0x0100000a, "q")
		T.eq(ok, true, "ok")
		T.eq(v, 7, "value")
	end)
	T.run("query", function()
		local ok, h = pcall(cluster.query, "peer", "svc")
		T.eq(ok, true, "ok")
		T.eq(h, 16777267, "handle")
	end)
	T.done()
end)
