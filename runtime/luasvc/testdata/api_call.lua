-- api_call: call/ret, retpack, rawcall, response closures, errors.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	local echo = skynet.newservice("echo")

	T.run("call returns every value ret packed", function()
		local a, b, c, d = skynet.call(echo, "lua", "ping", 1, "two", { x = 3 }, nil)
		T.eq(a, 1, "a")
		T.eq(b, "two", "b")
		T.eq(c.x, 3, "c.x")
		T.eq(d, nil, "d")
	end)

	T.run("pcall(skynet.call) inside the start function", function()
		local ok, v = pcall(skynet.call, echo, "lua", "ping", "inside pcall")
		T.eq(ok, true, "ok")
		T.eq(v, "inside pcall", "value")
	end)

	T.run("a raising handler fails the caller and the callee lives on", function()
		T.fails(function() skynet.call(echo, "lua", "raise") end, "call failed", "raise")
		T.eq(skynet.call(echo, "lua", "ping", "alive"), "alive", "after raise")
	end)

	T.run("call to an unregistered protocol fails", function()
		T.fails(function() skynet.call(echo, "debug", "NO_SUCH_DEBUG") end, "call failed")
		skynet.register_protocol { name = "custom", id = 77, pack = skynet.pack, unpack = skynet.unpack }
		T.fails(function() skynet.call(echo, "custom", "x") end, "call failed", "unknown protocol id")
	end)

	T.run("call to an unknown address or name fails", function()
		T.fails(function() skynet.call(0x00ffffff, "lua", "ping") end, "call failed", "handle")
		T.fails(function() skynet.call(".nobody", "lua", "ping") end, "call failed", "name")
	end)

	T.run("call to an unknown protocol name raises at once", function()
		T.fails(function() skynet.call(echo, "nosuchproto") end, "Unknown protocol")
	end)

	T.run("send then call keeps per-source order", function()
		for i = 1, 100 do
			skynet.send(echo, "lua", "inc")
		end
		T.eq(skynet.call(echo, "lua", "count"), 100, "count")
	end)

	T.run("rawcall returns the packed reply and its size", function()
		local msg, sz = skynet.rawcall(echo, "lua", skynet.pack("ping", "raw"))
		T.eq(sz, #msg, "size")
		T.eq(skynet.unpack(msg), "raw", "unpacked")
	end)

	T.run("response closures answer later, false sends an error", function()
		local results = {}
		for i = 1, 3 do
			skynet.fork(function()
				results[i] = { skynet.call(echo, "lua", "later") }
			end)
		end
		skynet.sleep(1)
		T.eq(skynet.call(echo, "lua", "flush"), 3, "flushed")
		skynet.sleep(1)
		for i = 1, 3 do
			T.eq(results[i][1], "later", "reply " .. i)
		end
		T.fails(function() skynet.call(echo, "lua", "refuse") end, "call failed", "response(false)")
	end)

	T.run("ret on a send returns false; the source and session are visible", function()
		local src, session = skynet.call(echo, "lua", "source")
		T.eq(src, skynet.self(), "source")
		T.ok(session > 0, "session > 0")
	end)

	T.run("a skynet.call inside a for-in iterator", function()
		local function iter(state, i)
			i = i + 1
			if i > 3 then return nil end
			return i, skynet.call(echo, "lua", "ping", i * 10)
		end
		local sum = 0
		for i, v in iter, nil, 0 do
			sum = sum + v
		end
		T.eq(sum, 60, "sum")
	end)

	T.run("a skynet.call inside a metamethod and a coroutine", function()
		local proxy = setmetatable({}, { __index = function(_, k) return skynet.call(echo, "lua", "ping", k) end })
		T.eq(proxy.hello, "hello", "__index")
		local co = coroutine.create(function(x)
			local y = coroutine.yield(skynet.call(echo, "lua", "ping", x))
			return skynet.call(echo, "lua", "ping", y)
		end)
		local ok, v = coroutine.resume(co, "a")
		T.eq(v, "a", "first resume")
		ok, v = coroutine.resume(co, "b")
		T.eq(v, "b", "second resume")
		T.eq(coroutine.status(co), "dead", "status")
	end)

	T.run("redirect forges the source", function()
		-- the reply goes to the forged source (ourselves) with our session
		local session = skynet.genid()
		skynet.redirect(echo, skynet.self(), "lua", 0, skynet.pack("inc"))
		T.eq(skynet.call(echo, "lua", "count"), 101, "count after redirect")
	end)

	T.done()
end)
