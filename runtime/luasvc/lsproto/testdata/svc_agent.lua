-- svc_agent: the server half of skynet's example agent, loading its
-- protocols from the slots svc_main saved.
local skynet = require "skynet"
local sprotoloader = require "sprotoloader"

local host = sprotoloader.load(1):host "package"
local push = host:attach(sprotoloader.load(2))
local store = {}

local REQUEST = {}

function REQUEST.handshake()
	return { msg = "Welcome to skynet" }
end

function REQUEST.get(args)
	return { result = store[args.what] }
end

function REQUEST.set(args)
	store[args.what] = args.value
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, pkt)
		if cmd == "push" then
			skynet.retpack(push "heartbeat")
			return
		end
		local kind, name, args, respond = host:dispatch(pkt)
		assert(kind == "REQUEST")
		local r = REQUEST[name](args)
		if respond then
			skynet.retpack(respond(r))
		else
			skynet.retpack(nil)
		end
	end)
end)
