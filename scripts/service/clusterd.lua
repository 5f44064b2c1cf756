-- clusterd: the node's cluster service (one per node, a unique service).
-- It knows the addresses of the other nodes, makes one clustersender per
-- node that is called, listens for other nodes through a gate and gives
-- each connection a clusteragent, and keeps the names registered with
-- cluster.register (@name).
local skynet = require "skynet"

local config_file = skynet.getenv("cluster")
local node_address = {}  -- node -> "host:port" or false (down)
local senders = {}       -- node -> clustersender
local making = {}        -- node -> tokens waiting while its sender is made
local address_waiters = {} -- node -> tokens waiting for its address
local nowaiting = false
local registered = {}    -- name -> handle
local proxies = {}       -- "node.name" -> clusterproxy
local agents = {}        -- fd -> clusteragent
local command = {}

local function wake_all(list)
	for _, token in ipairs(list) do
		skynet.wakeup(token)
	end
end

local function apply(config)
	for name, addr in pairs(config) do
		if type(name) == "string" and name:sub(1, 2) == "__" then
			if name == "__nowaiting" then
				nowaiting = addr and true or false
			end
		else
			assert(addr == false or type(addr) == "string",
				string.format("cluster config: node %s needs \"host:port\" or false", tostring(name)))
			if node_address[name] ~= addr then
				node_address[name] = addr
				local s = senders[name]
				if s and addr then
					local host, port = string.match(addr, "^(.*):(%d+)$")
					skynet.send(s, "lua", "changenode", host, tonumber(port))
				end
			end
			local w = address_waiters[name]
			if w then
				address_waiters[name] = nil
				wake_all(w)
			end
		end
	end
	if nowaiting then
		for name, w in pairs(address_waiters) do
			address_waiters[name] = nil
			wake_all(w)
		end
	end
end

local function read_config_file()
	assert(config_file, "cluster.reload without a table needs the `cluster` environment key (a config file)")
	local f = assert(io.open(config_file), "cluster config " .. config_file .. " cannot be opened")
	local source = f:read("*a")
	f:close()
	local t = {}
	assert(load(source, "@" .. config_file, "t", t))()
	return t
end

function command.reload(_, config)
	apply(config or read_config_file())
end

local function address_of(node)
	while node_address[node] == nil do
		if nowaiting then
			error(string.format("cluster: node [%s] is not in the config", tostring(node)), 0)
		end
		local token = {}
		local w = address_waiters[node] or {}
		w[#w + 1] = token
		address_waiters[node] = w
		skynet.error(string.format("cluster: waiting for the address of node [%s] (cluster.reload)", tostring(node)))
		skynet.wait(token)
	end
	local addr = node_address[node]
	if addr == false then
		error(string.format("cluster: node [%s] is down", tostring(node)), 0)
	end
	return addr
end

function command.sender(_, node)
	while making[node] do
		local token = {}
		table.insert(making[node], token)
		skynet.wait(token)
	end
	local s = senders[node]
	if s then
		return s
	end
	making[node] = {}
	local ok, err = pcall(function()
		local addr = address_of(node)
		local host, port = string.match(addr, "^(.*):(%d+)$")
		if not host then
			error("cluster: bad address " .. addr .. " for node " .. tostring(node), 0)
		end
		s = skynet.newservice("clustersender", node, host, port)
		senders[node] = s
	end)
	local waiters = making[node]
	making[node] = nil
	wake_all(waiters)
	if not ok then
		-- answered, not raised, so the caller can show why
		return false, tostring(err)
	end
	return s
end

-- listen(address, port [, maxclient]) or listen(nodename, nil [, maxclient]).
function command.listen(_, addr, port, maxclient)
	if port == nil then
		local a = address_of(addr)
		addr, port = string.match(a, "^(.*):(%d+)$")
		port = tonumber(port)
	end
	local gate = skynet.newservice("gate")
	return skynet.call(gate, "lua", "open", {
		address = addr,
		port = port,
		maxclient = maxclient or 1024,
		nodelay = true,
	})
end

-- The gate reports connections from other nodes here (we are its watchdog).
function command.socket(source, what, fd, detail)
	if what == "open" then
		agents[fd] = skynet.newservice("clusteragent", skynet.self(), source, fd)
	elseif what == "close" or what == "error" then
		local agent = agents[fd]
		agents[fd] = nil
		if agent then
			skynet.send(agent, "lua", "exit")
		end
		if what == "error" then
			skynet.error(string.format("cluster: connection %d from another node failed: %s", fd, tostring(detail)))
		end
	end
end

function command.register(_, name, handle)
	assert(registered[name] == nil or registered[name] == handle, "cluster: name @" .. name .. " is already registered")
	registered[name] = handle
end

function command.unregister(_, name)
	registered[name] = nil
end

function command.queryname(_, name)
	return registered[name]
end

function command.proxy(_, node, name)
	local key = node .. "." .. tostring(name)
	local p = proxies[key]
	if p == nil then
		p = skynet.newservice("clusterproxy", node, name)
		proxies[key] = p
	end
	return p
end

skynet.start(function()
	if config_file then
		apply(read_config_file())
	end
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = assert(command[cmd], "clusterd: unknown command " .. tostring(cmd))
		if session == 0 then
			f(source, ...)
		else
			skynet.ret(skynet.pack(f(source, ...)))
		end
	end)
end)
