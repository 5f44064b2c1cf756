-- sharedatad: the node's shared data (skynet.sharedata). Each name holds
-- a table, kept packed, and a version that grows with every update.
-- Services query a name to get their own copy and watch it with monitor,
-- which answers when a newer version exists (or the name was deleted).
local skynet = require "skynet"

local objs = {} -- name -> { version = n, data = packed, watchers = { response, ... } }
local CMD = {}

-- build turns what new/update were given into the table to share: a
-- table as it is, or Lua source ("@file" to read a file) that runs with a
-- fresh environment; a table it returns is the data, otherwise the
-- globals it set are.
local function build(name, v, ...)
	local t = type(v)
	if t == "table" then
		return v
	elseif t == "nil" then
		return {}
	elseif t == "string" then
		local env = {}
		local f, err
		if v:sub(1, 1) == "@" then
			local file = assert(io.open(v:sub(2)), "sharedata " .. name .. ": cannot open " .. v:sub(2))
			local source = file:read("*a")
			file:close()
			f, err = load(source, v, "t", env)
		else
			f, err = load(v, "=" .. name, "t", env)
		end
		assert(f, err)
		local ret = f(...)
		if type(ret) == "table" then
			return ret
		end
		return env
	end
	error("sharedata " .. name .. ": cannot share a " .. t)
end

local function wake(o, version)
	local w = o.watchers
	o.watchers = {}
	for _, reply in ipairs(w) do
		if reply("TEST") then -- the watcher's service may have exited
			reply(true, version)
		end
	end
end

function CMD.new(name, v, ...)
	assert(objs[name] == nil, "sharedata " .. tostring(name) .. " already exists")
	objs[name] = { version = 1, data = skynet.packstring(build(name, v, ...)), watchers = {} }
end

function CMD.update(name, v, ...)
	local o = objs[name]
	local data = skynet.packstring(build(name, v, ...))
	if o == nil then
		objs[name] = { version = 1, data = data, watchers = {} }
		return
	end
	o.version = o.version + 1
	o.data = data
	wake(o, o.version)
end

function CMD.delete(name)
	local o = objs[name]
	if o then
		objs[name] = nil
		wake(o, nil)
	end
end

function CMD.query(name)
	local o = objs[name]
	assert(o, "sharedata " .. tostring(name) .. " does not exist")
	return o.version, o.data
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, name, ...)
		if cmd == "monitor" then
			-- answered now if the caller's version is old, else on the next
			-- update or delete
			local version = ...
			local o = objs[name]
			if o == nil then
				skynet.retpack(nil)
			elseif o.version > version then
				skynet.retpack(o.version)
			else
				table.insert(o.watchers, skynet.response())
			end
			return
		end
		local f = assert(CMD[cmd], "sharedatad: unknown command " .. tostring(cmd))
		if session == 0 then
			f(name, ...)
		else
			skynet.retpack(f(name, ...))
		end
	end)
end)
