-- api_multicast: skynet.multicast channels across services.
local skynet = require "skynet"
local mc = require "skynet.multicast"
local T = require "t"

skynet.start(function()
	local ch = mc.new()
	local subs = {}
	for i = 1, 3 do
		subs[i] = skynet.newservice("mc_sub")
		skynet.call(subs[i], "lua", "init", ch.channel)
	end
	local me = skynet.address(skynet.self())
	-- a round trip to multicastd: what it forwarded before answering is
	-- already in the subscribers' mailboxes
	local mcd = skynet.queryservice("multicastd")
	local function flush()
		skynet.call(mcd, "lua", "NEW")
	end
	T.run("every subscriber gets each publication, from the publisher", function()
		ch:publish("hello", 1)
		ch:publish("world", 2)
		flush()
		for i = 1, 3 do
			T.eq(skynet.call(subs[i], "lua", "got"),
				string.format("%d %s hello+1;%d %s world+2", ch.channel, me, ch.channel, me), "subscriber " .. i)
		end
		T.ok(tostring(ch):find("Multicast", 1, true), "tostring")
	end)
	T.run("unsubscribe and delete stop deliveries", function()
		skynet.call(subs[1], "lua", "unsub")
		ch:publish("again")
		flush()
		T.ok(not skynet.call(subs[1], "lua", "got"):find("again", 1, true), "unsubscribed")
		T.ok(skynet.call(subs[2], "lua", "got"):find("again", 1, true), "still subscribed")
		ch:delete()
		ch:publish("gone")
		flush()
		T.ok(not skynet.call(subs[2], "lua", "got"):find("gone", 1, true), "deleted")
	end)
	T.done()
end)
