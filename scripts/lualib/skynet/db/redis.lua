-- skynet.db.redis: a Redis client over skynet.socketchannel (RESP).
--
--   local redis = require "skynet.db.redis"
--   local db = redis.connect { host = "127.0.0.1", port = 6379, db = 0, auth = "secret" }
--   db:set("k", "v"); db:get("k"); db:incr("n"); db:hgetall("h") ...
--   db:disconnect()
--
-- Any Redis command is a method (db:COMMAND(args...)); replies come back
-- as Lua values: status and bulk strings as strings, integers as
-- numbers, nil for a null reply, arrays as tables. An error reply raises.
local socketchannel = require "skynet.socketchannel"

local redis = {}
local command = {}

-- Methods are made on first use: db:get(...) sends GET.
local meta = {}
meta.__index = function(self, name)
	if name == "disconnect" then
		return command.disconnect
	end
	local f = function(db, ...)
		return db[1]:request(command.compose(name, ...), command.read)
	end
	rawset(self, name, f)
	return f
end

-- compose encodes a command as a RESP array of bulk strings.
function command.compose(name, ...)
	local n = select("#", ...)
	local out = { "*" .. (n + 1) .. "\r\n", "$" .. #name .. "\r\n", name:upper(), "\r\n" }
	for i = 1, n do
		local v = tostring((select(i, ...)))
		out[#out + 1] = "$" .. #v .. "\r\n"
		out[#out + 1] = v
		out[#out + 1] = "\r\n"
	end
	return table.concat(out)
end

-- read reads one reply: ok, value (ok false carries the error text).
function command.read(so)
	local line = so:readline("\r\n")
	local kind, rest = line:sub(1, 1), line:sub(2)
	if kind == "+" then
		return true, rest
	elseif kind == "-" then
		return false, rest
	elseif kind == ":" then
		return true, tonumber(rest)
	elseif kind == "$" then
		local n = tonumber(rest)
		if n < 0 then
			return true, nil
		end
		local data = so:read(n + 2)
		return true, data:sub(1, n)
	elseif kind == "*" then
		local n = tonumber(rest)
		if n < 0 then
			return true, nil
		end
		local t = {}
		local allok = true
		for i = 1, n do
			local ok, v = command.read(so)
			allok = allok and ok
			t[i] = v
		end
		return allok, t
	end
	error("redis: unknown reply " .. line)
end

function redis.connect(conf)
	local channel = socketchannel.channel {
		host = conf.host,
		port = conf.port or 6379,
		nodelay = true,
		auth = function(ch)
			if conf.auth then
				ch:request(command.compose("AUTH", conf.auth), command.read)
			end
			if conf.db and conf.db ~= 0 then
				ch:request(command.compose("SELECT", conf.db), command.read)
			end
		end,
	}
	channel:connect(true)
	return setmetatable({ channel }, meta)
end

function command.disconnect(self)
	self[1]:close()
	setmetatable(self, nil)
end

redis.compose = command.compose

return redis
