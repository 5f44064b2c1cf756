-- datacenterd ("DATACENTER"): a tree of values addressed by key paths.
--   QUERY k1 k2 ...        -> value at the path (nil when absent)
--   UPDATE k1 ... kn value -> stores value, returns the old one
--   WAIT k1 k2 ...         -> the value at once if set, else parks until the
--                             first UPDATE that stores a non-nil value there
-- A waiter whose key turns out to be a branch (a deeper path gets set) is
-- answered with an error. Waits on a key and on a key below it conflict.
local skynet = require "skynet"

local db = {}
-- Wait tree: each node is { children = {key = node}, waiters = {reply...} }.
-- A node holds waiters (a "leaf" wait) or children, never both.
local wait_root = { children = {} }

local function lookup(...)
	local node = db
	local n = select("#", ...)
	for i = 1, n do
		if type(node) ~= "table" then
			return nil
		end
		node = node[(select(i, ...))]
	end
	return node
end

local function fail_all(node)
	if node.waiters then
		for _, reply in ipairs(node.waiters) do
			reply(false)
		end
		node.waiters = nil
	end
end

-- wake walks the wait tree along the updated path: waiters above the
-- path's end waited on what is now a branch; waiters at its end get value.
local function wake(path, value)
	local node = wait_root
	for i = 1, #path do
		local child = node.children and node.children[path[i]]
		if child == nil then
			return
		end
		if i < #path then
			if child.waiters then
				fail_all(child)
				node.children[path[i]] = nil
				return
			end
		elseif value ~= nil and child.waiters then
			for _, reply in ipairs(child.waiters) do
				reply(true, value)
			end
			node.children[path[i]] = nil
		end
		node = child
	end
end

local commands = {}

function commands.QUERY(...)
	return lookup(...)
end

function commands.UPDATE(...)
	local n = select("#", ...)
	assert(n >= 2, "UPDATE needs a key and a value")
	local path = { ... }
	local value = path[n]
	path[n] = nil
	local node = db
	for i = 1, n - 2 do
		local k = path[i]
		local next = node[k]
		if next == nil then
			next = {}
			node[k] = next
		elseif type(next) ~= "table" then
			error(string.format("datacenter: UPDATE through %s, which holds a %s, not a table", tostring(k), type(next)))
		end
		node = next
	end
	local key = path[n - 1]
	local old = node[key]
	node[key] = value
	if old == nil and value ~= nil then
		wake(path, value)
	end
	return old
end

local function park(path)
	local node = wait_root
	for i = 1, #path do
		if node.waiters then
			error("datacenter: wait on a path below a waited key")
		end
		node.children = node.children or {}
		local child = node.children[path[i]]
		if child == nil then
			child = {}
			node.children[path[i]] = child
		end
		node = child
	end
	if node.children and next(node.children) then
		error("datacenter: wait on a key that has waited keys below it")
	end
	node.waiters = node.waiters or {}
	table.insert(node.waiters, skynet.response())
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		if cmd == "WAIT" then
			local value = lookup(...)
			if value ~= nil then
				skynet.ret(skynet.pack(value))
			else
				park({ ... })
			end
			return
		end
		local f = commands[cmd]
		if f == nil then
			error("datacenter: unknown command " .. tostring(cmd))
		end
		skynet.ret(skynet.pack(f(...)))
	end)
end)
