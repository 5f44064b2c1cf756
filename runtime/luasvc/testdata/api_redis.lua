-- api_redis: skynet.db.redis (over skynet.socketchannel) against the fake
-- Redis server of the Go test at redis_addr.
local skynet = require "skynet"
local redis = require "skynet.db.redis"
local T = require "t"

skynet.start(function()
	local host, port = string.match(skynet.getenv("redis_addr"), "^(.*):(%d+)$")
	local db = redis.connect { host = host, port = tonumber(port), auth = "pw", db = 2 }

	T.run("commands and reply types", function()
		T.eq(db:ping(), "PONG", "status reply")
		T.eq(db:set("k", "v 1"), "OK", "set")
		T.eq(db:get("k"), "v 1", "bulk reply")
		T.eq(db:get("missing"), nil, "null reply")
		T.eq(db:incr("n"), 1, "integer reply")
		T.eq(db:incr("n"), 2, "again")
		db:hset("h", "a", "1")
		db:hset("h", "b", "2")
		local all = db:hgetall("h")
		T.eq(#all, 4, "array reply")
		T.eq(db:select_db(), 2, "SELECT ran at connect, after AUTH")
	end)

	T.run("an error reply raises and the connection goes on", function()
		T.fails(function() db:nosuch() end, "unknown command", "error reply")
		T.eq(db:get("k"), "v 1", "still connected")
	end)

	T.run("concurrent tasks get their own answers in order", function()
		local got, done = {}, 0
		for i = 1, 20 do
			skynet.fork(function()
				db:set("key" .. i, "value" .. i)
				got[i] = db:get("key" .. i)
				done = done + 1
			end)
		end
		while done < 20 do
			skynet.sleep(1)
		end
		for i = 1, 20 do
			T.eq(got[i], "value" .. i, "task " .. i)
		end
	end)

	T.run("a dropped connection fails the request, the next one reconnects", function()
		T.fails(function() db:drop() end, "Socket Error", "dropped by the server")
		T.eq(db:get("k"), "v 1", "reconnected (with AUTH and SELECT again)")
		T.eq(db:select_db(), 2, "db selected again")
	end)

	db:disconnect()
	T.done()
end)
