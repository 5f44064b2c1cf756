-- cluster_a: the calling node of the cluster tests (node "b" must be up).
local skynet = require "skynet"
local cluster = require "skynet.cluster"
local T = require "t"

skynet.start(function()
	local port = assert(skynet.getenv("b_port"), "b_port not set")
	cluster.reload({ b = "127.0.0.1:" .. port, gone = false, __nowaiting = true })

	T.run("call by registered name", function()
		local a, b = cluster.call("b", "@echo", "ping", "hello", 42)
		T.eq(a, "hello", "first result")
		T.eq(b, 42, "second result")
	end)

	T.run("query, then call by handle and by local name", function()
		local h = cluster.query("b", "echo")
		T.eq(type(h), "number", "handle")
		T.eq(math.floor(h / 0x1000000), 2, "the handle belongs to node b's harbor")
		T.eq(cluster.call("b", h, "ping", "by handle"), "by handle", "by handle")
		T.eq(cluster.call("b", ".cecho", "ping", "by local name"), "by local name", "by local name")
		T.fails(function() cluster.query("b", "nobody") end, "call failed", "query of an unknown name")
	end)

	T.run("large request and reply travel in parts", function()
		local s = string.rep("abcdefgh", 20000) -- 160 KB
		T.eq(cluster.call("b", "@echo", "ping", s), s, "160 KB round trip")
		local exact = string.rep("z", 0x8000 - 3) -- packs to 0x8000 bytes
		T.eq(cluster.call("b", "@echo", "ping", exact), exact, "request of exactly one part")
		T.eq(#cluster.call("b", "@echo", "big", 100000), 100000, "100 KB reply")
	end)

	T.run("a remote error fails only that call", function()
		T.fails(function() cluster.call("b", "@echo", "raise") end, "call failed", "raise")
		T.fails(function() cluster.call("b", "@nobody", "ping") end, "call failed", "unknown name")
		T.eq(cluster.call("b", "@echo", "ping", "still here"), "still here", "after the errors")
	end)

	T.run("pushes arrive in order before a later call", function()
		cluster.send("b", "@echo", "note", "n1")
		cluster.send("b", "@echo", "note", "n2")
		T.eq(cluster.call("b", "@echo", "notes"), "n1,n2", "notes")
	end)

	T.run("answers come back out of order", function()
		local order = {}
		local done = 0
		skynet.fork(function()
			local r = cluster.call("b", "@echo", "slow", 30)
			order[#order + 1] = r
			done = done + 1
		end)
		skynet.fork(function()
			skynet.sleep(1)
			local r = cluster.call("b", "@echo", "ping", "fast")
			order[#order + 1] = r
			done = done + 1
		end)
		while done < 2 do
			skynet.sleep(1)
		end
		T.eq(order[1], "fast", "the fast call finished first")
		T.eq(order[2], "slow done", "then the slow one")
	end)

	T.run("a proxy stands in for the remote service", function()
		local p = cluster.proxy("b", "@echo")
		T.eq(skynet.call(p, "lua", "ping", "via proxy"), "via proxy", "call through the proxy")
		skynet.send(p, "lua", "note", "n3")
		T.eq(skynet.call(p, "lua", "notes"), "n1,n2,n3", "send through the proxy, then a call the same way")
	end)

	T.run("a traced call carries its tag to the other node", function()
		skynet.trace("cross-node")
		T.eq(cluster.call("b", "@echo", "ping", "traced"), "traced", "traced call")
		skynet.error("TRACED_TAG " .. skynet.tracetag())
	end)

	T.run("a snax service on the other node", function()
		local ps = cluster.snax("b", "pingserver")
		T.eq(ps.req.ping("x"), "remote x", "req through the cluster")
		ps.post.hello()
		T.eq(ps.req.ping("y"), "remote y", "after a post")
	end)

	T.run("nodes that are down or unknown fail clearly", function()
		T.fails(function() cluster.call("gone", "@echo", "ping") end, "is down", "down node")
		T.fails(function() cluster.call("nowhere", "@echo", "ping") end, "not in the config", "unknown node")
	end)

	T.done()
end)
