-- skynet.cluster: calls and sends between nodes over TCP, in skynet's
-- cluster wire format (runtime/cluster), so a skyconsole node and a skynet
-- node can talk to each other.
--
--   cluster.reload({ db = "127.0.0.1:2528" })   node name -> address
--   cluster.open("db") or cluster.open(2528)    listen for other nodes
--   cluster.register("sdb", addr)               expose a service as @sdb
--   cluster.call("db", "@sdb", "GET", k)        request, raises on failure
--   cluster.send("db", ".logger", "hello")      push, no answer
--   cluster.query("db", "sdb")                  the handle behind @sdb
--   cluster.proxy("db", "@sdb")                 a local stand-in service
--   cluster.proxy("db@sdb")                     the same
--
-- The work happens in the unique service clusterd (config, listener), one
-- clustersender per remote node and one clusteragent per connection from
-- another node. Difference from skynet: cluster.open(port) listens on
-- 127.0.0.1 (name a node whose configured address says otherwise to
-- listen elsewhere).
local skynet = require "skynet"

local cluster = {}
local clusterd
local senders = {}    -- node -> clustersender handle
local pending = {}    -- node -> pushes waiting for the sender

local function get_sender(node)
	local s = senders[node]
	if s == nil then
		local err
		s, err = skynet.call(clusterd, "lua", "sender", node)
		if not s then
			error(err, 3)
		end
		senders[node] = s
	end
	return s
end

function cluster.call(node, address, ...)
	local s = get_sender(node)
	return skynet.unpack(skynet.rawcall(s, "lua", skynet.pack("req", address, skynet.pack(...))))
end

-- send never blocks: before the sender of node is known the push waits in
-- a queue that a fork flushes, in order.
function cluster.send(node, address, ...)
	local msg = skynet.pack(...)
	local s = senders[node]
	if s then
		skynet.send(s, "lua", "push", address, msg)
		return
	end
	local q = pending[node]
	if q then
		q[#q + 1] = { address, msg }
		return
	end
	q = { { address, msg } }
	pending[node] = q
	skynet.fork(function()
		local ok, sender = pcall(get_sender, node)
		pending[node] = nil
		if not ok then
			skynet.error(string.format("cluster.send to %s: %d message(s) dropped: %s", node, #q, tostring(sender)))
			return
		end
		for _, m in ipairs(q) do
			skynet.send(sender, "lua", "push", m[1], m[2])
		end
	end)
end

-- open(port | nodename [, maxclient]) listens for other nodes.
function cluster.open(port, maxclient)
	if type(port) == "string" then
		return skynet.call(clusterd, "lua", "listen", port, nil, maxclient)
	end
	return skynet.call(clusterd, "lua", "listen", "127.0.0.1", port, maxclient)
end

-- reload([config]): config is { nodename = "host:port" | false, ... };
-- without it the file named by the `cluster` environment key is read.
function cluster.reload(config)
	skynet.call(clusterd, "lua", "reload", config)
end

function cluster.register(name, addr)
	assert(type(name) == "string", "cluster.register needs a name")
	skynet.call(clusterd, "lua", "register", name, addr or skynet.self())
end

function cluster.unregister(name)
	skynet.call(clusterd, "lua", "unregister", name)
end

function cluster.query(node, name)
	local s = get_sender(node)
	return skynet.unpack(skynet.rawcall(s, "lua", skynet.pack("req", 0, skynet.pack(name))))
end

-- proxy(node, addr) or proxy("node@name"), which means proxy(node, "@name").
function cluster.proxy(node, name)
	if name == nil then
		local n, rest = string.match(node, "^([^@]+)@(.+)$")
		assert(n, "cluster.proxy needs a node and a name, or \"node@name\"")
		node, name = n, "@" .. rest
	end
	return skynet.call(clusterd, "lua", "proxy", node, name)
end

-- snax(node, name [, address]) -> a snax object for the snax service name
-- on node (the unique one there unless address says which).
function cluster.snax(node, name, address)
	local snax = require "skynet.snax"
	if address == nil then
		address = cluster.call(node, ".service", "QUERY", "snaxd", name)
	end
	return snax.bind(cluster.proxy(node, address), name)
end

skynet.init(function()
	clusterd = skynet.uniqueservice("clusterd")
end)

return cluster
