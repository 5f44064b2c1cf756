-- The client/server protocol of skynet's examples (examples/proto.lua):
-- c2s is what the agent serves, s2c what the client serves.

local c2s = sproto.parse [[
.package {
	type 0 : integer
	session 1 : integer
}

handshake 1 {
	response {
		msg 0 : string
	}
}

get 2 {
	request {
		what 0 : string
	}
	response {
		result 0 : string
	}
}

set 3 {
	request {
		what 0 : string
		value 1 : string
	}
}

quit 4 {}
]]

local s2c = sproto.parse [[
.package {
	type 0 : integer
	session 1 : integer
}

heartbeat 1 {}
]]

-- The agent's host speaks c2s and pushes s2c; the client mirrors it.
local function peers()
	local server = c2s:host "package"
	local client = s2c:host "package"
	return server, server:attach(s2c), client, client:attach(c2s)
end

test("handshake_bytes", function()
	local _, _, _, request = peers()
	-- Header { type = 1, session = 1 } inline, no body: 02 00 04 00 04 00,
	-- padded to a word and 0-packed; the same shape as the rpc_foo and
	-- rpc_blackhole vectors (15020606, 15020a0a).
	eq(hex(request("handshake", nil, 1)), "15020404")
	eq(hex(request("handshake")), "050104", "no session")
end)

test("handshake_round_trip", function()
	local server, _, client, request = peers()
	local kind, name, args, respond, ud = server:dispatch(request("handshake", nil, 1))
	eq(kind, "REQUEST")
	eq(name, "handshake")
	eq(args, nil, "args")
	assert(type(respond) == "function")
	eq(ud, nil, "ud")
	local kind2, session, result, ud2 = client:dispatch(respond { msg = "Welcome to skynet" })
	eq({ kind2, session, ud2 }, { "RESPONSE", 1 })
	eq(result, { msg = "Welcome to skynet" })
end)

test("get_set_quit", function()
	local server, _, client, request = peers()
	local store = {}
	local handlers = {}
	function handlers.get(args) return { result = store[args.what] } end
	function handlers.set(args) store[args.what] = args.value end
	function handlers.quit() return nil end

	local function serve(pkt, sz)
		local kind, name, args, respond = server:dispatch(pkt, sz)
		assert(kind == "REQUEST")
		local r = handlers[name](args)
		if respond then return respond(r) end
	end

	-- set has no response: the agent's respond is still there when a
	-- session was sent, and answers with a bare header.
	local reply = serve(request("set", { what = "hello", value = "world" }, 2))
	local kind, session, result = client:dispatch(reply)
	eq({ kind, session, result }, { "RESPONSE", 2 })

	eq(serve(request("set", { what = "k", value = "v" })), nil, "one-way set")

	reply = serve(request("get", { what = "hello" }, 3), 123)
	kind, session, result = client:dispatch(reply)
	eq({ kind, session, result }, { "RESPONSE", 3, { result = "world" } })

	reply = serve(request("get", { what = "k" }, 4))
	eq(select(3, client:dispatch(reply)), { result = "v" })

	reply = serve(request(4, nil, 5)) -- by tag: quit
	eq({ client:dispatch(reply) }, { "RESPONSE", 5 })
end)

test("server_push", function()
	local _, push, client = peers()
	local kind, name, args, respond = client:dispatch(push "heartbeat")
	eq({ kind, name, args, respond }, { "REQUEST", "heartbeat" })
end)

test("sessions_are_forgotten", function()
	local server, _, client, request = peers()
	local _, _, _, respond = server:dispatch(request("get", { what = "x" }, 7))
	local reply = respond { result = "y" }
	client:dispatch(reply)
	fails("Unknown session 7", client.dispatch, client, reply)
	-- A response to a request another host sent.
	local other = s2c:host()
	respond = select(4, server:dispatch(request("get", { what = "x" }, 9)))
	fails("Unknown session 9", other.dispatch, other, respond {})
end)

test("responder_errors", function()
	local server, _, _, request = peers()
	local _, _, _, respond = server:dispatch(request("get", { what = "x" }, 1))
	fails("attempt to index a nil value", respond)
	fails("get.response.result[0] is not a string (Is a number)", respond, { result = 1 })
	fails("table expected, got number", respond, 5)
end)

test("request_errors", function()
	local _, _, _, request = peers()
	fails("unknown protocol: nope not found", request, "nope")
	fails("unknown protocol: 99 not found", request, 99)
	fails("session must be an integer", request, "get", { what = "x" }, 1.5)
	fails("session must be an integer", request, "get", { what = "x" }, "1")
	fails("get.request.what[0] is not a string (Is a boolean)", request, "get", { what = true }, 1)
	fails("table expected, got string", request, "get", "what", 1)
end)

test("ud_round_trip", function()
	local sp = schema "rpc.sproto"
	local server, client = sp:host(), sp:host()
	local request = client:attach(sp)
	local kind, name, args, respond, ud = server:dispatch(request("foobar", { what = "w" }, 1, 77))
	eq({ kind, name, args, ud }, { "REQUEST", "foobar", { what = "w" }, 77 })
	local _, session, result, ud2 = client:dispatch(respond({ ok = true }, 78))
	eq({ session, result, ud2 }, { 1, { ok = true }, 78 })
	fails("package.ud[0] is not an integer (Is a string)", request, "foobar", {}, 2, "x")
	fails("package.ud[0] is not an integer (Is a function)", request, "foobar", {}, 2, print)
end)

test("host_package", function()
	fails("type nope not found", c2s.host, c2s, "nope")
	local h = c2s:host()
	assert(tostring(h.__host) == "sproto.host: package")
end)

test("header_less", function()
	local body, tag = c2s:request_encode("get", { what = "x" })
	eq(tag, 2)
	eq(c2s:request_decode("get", body), { what = "x" })
	eq(select(2, c2s:request_decode(2, body)), "get", "name by tag")
	local rbody = c2s:response_encode("get", { result = "r" })
	local r, n = c2s:response_decode("get", rbody)
	eq({ r, n }, { { result = "r" }, #rbody })
	-- Directions without a type: empty bodies, nothing decoded.
	eq({ c2s:request_encode("handshake") }, { "", 1 })
	eq({ c2s:request_encode("quit", { ignored = true }) }, { "", 4 })
	eq(c2s:response_encode("set"), "")
	eq({ c2s:request_decode("quit", "") }, { nil, "quit" })
	eq(select("#", c2s:response_decode("quit", "")), 0, "response_decode without type")
	fails("unknown protocol: nope not found", c2s.request_encode, c2s, "nope", {})
end)

test("response_nil_refuses_args", function()
	local sp = schema "rpc.sproto"
	eq(sp:response_encode("bar"), "")
	fails("unexpected args", sp.response_encode, sp, "bar", {})
	local server, client = sp:host(), sp:host()
	local request = client:attach(sp)
	local _, _, _, respond = server:dispatch(request("bar", nil, 3))
	fails("nil expected, got table", respond, {})
	eq({ client:dispatch(respond()) }, { "RESPONSE", 3 })
end)

test("exist", function()
	assert(c2s:exist_proto "get" and c2s:exist_proto(2))
	assert(not c2s:exist_proto "nope" and not c2s:exist_proto(99))
	assert(c2s:exist_type "package" and c2s:exist_type "get.request")
	assert(not c2s:exist_type "nope")
end)
