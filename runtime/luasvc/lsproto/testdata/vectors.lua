-- Replays of the golden vectors through the Lua API. vectors_test.go reads
-- each JSON line into a Lua table (JSON null is an absent key, so Lua nil;
-- "$hex", "$map", "$rep" and "$float" are already strings, tables and
-- numbers) and calls the replay function for its file.

local parser = require "sprotoparser"

local schemas = {}

local function cached(name)
	local sp = schemas[name]
	if not sp then
		sp = schema(name)
		schemas[name] = sp
	end
	return sp
end

-- sproto.jsonl: encode + pack, or decode.
function replay_encode(v)
	local sp = cached(v.input.schema)
	local typename = v.input.type
	if v.direction == "decode" then
		if v.error then
			fails(v.error, sp.decode, sp, typename, unhex(v.hex))
		else
			eq(sp:decode(typename, unhex(v.hex)), v.decoded, "decoded")
		end
		return
	end
	local msg = v.input.message
	if v.error then
		fails(v.error, sp.encode, sp, typename, msg)
		return
	end
	local bin = sp:encode(typename, msg)
	eq(hex(bin), v.hex, "encoded")
	eq(hex(sp:pencode(typename, msg)), v.packed_hex, "packed")
	local got, n = sp:decode(typename, bin)
	eq(n, #bin, "bytes used")
	eq(got, v.decoded, "decoded")
	eq(sp:pdecode(typename, unhex(v.packed_hex)), v.decoded, "pdecoded")
end

local function check_dispatch(what, want, kind, a, args, respond, ud)
	eq(kind, want.kind, what .. " kind")
	if kind == "REQUEST" then
		eq(a, want.name, what .. " name")
		eq(args, want.args, what .. " args")
		eq(respond ~= nil, want.has_responder, what .. " responder")
		eq(ud, want.ud, what .. " ud")
	else
		eq(a, want.session, what .. " session")
		eq(args, want.result, what .. " result")
		eq(respond, want.ud, what .. " ud") -- RESPONSE returns ud fourth
	end
end

-- sproto_rpc.jsonl: attach -> dispatch -> respond -> dispatch.
function replay_rpc(v)
	local input = v.input
	if v.case:find "^rpc_request_encode" then
		local body, tag = cached("rpc.sproto"):request_encode(input.proto, input.args)
		eq({ hex(body), tag }, { v.hex, v.tag })
		return
	elseif v.case:find "^rpc_response_encode" then
		eq(hex(cached("rpc.sproto"):response_encode(input.proto, input.args)), v.hex)
		return
	end
	-- A case without schemas is a push from the server: both ends speak
	-- rpc.sproto.
	local server_sp = cached(input.server_schema or "rpc.sproto")
	local client_sp = cached(input.client_schema or "rpc.sproto")
	local sender = client_sp:host()
	local receiver = server_sp:host()
	local request = sender:attach(server_sp)
	local pkt = request(input.proto, input.args, input.session, input.ud)
	eq(hex(pkt), v.hex, "request")
	eq(hex(sproto.unpack(pkt)), v.unpacked_hex, "unpacked request")
	local want = v.server_dispatch or v.client_dispatch
	local kind, name, args, respond, ud = receiver:dispatch(pkt)
	check_dispatch("dispatch", want, kind, name, args, respond, ud)
	if v.response_error then
		fails(v.response_error, respond, input.response_args, input.response_ud)
	elseif v.response_hex then
		local reply = respond(input.response_args, input.response_ud)
		eq(hex(reply), v.response_hex, "response")
		eq(hex(sproto.unpack(reply)), v.response_unpacked_hex, "unpacked response")
		check_dispatch("response dispatch", v.client_dispatch, sender:dispatch(reply))
	end
end

-- sproto_pack.jsonl
function replay_pack(v)
	if v.direction == "unpack" then
		fails(v.error, sproto.unpack, unhex(v.hex))
		return
	end
	eq(hex(sproto.pack(unhex(v.unpacked_hex))), v.hex, "packed")
	eq(hex(sproto.unpack(unhex(v.hex))), v.unpack_hex, "unpacked")
end

-- sproto_schema.jsonl
function replay_schema(v)
	local text = v.input.schema_text or readfile(VECTORS .. v.input.schema)
	if v.error then
		fails(v.error, parser.parse, text)
		return
	end
	eq(hex(parser.parse(text)), v.hex, "bundle")
	sproto.new(unhex(v.hex)) -- and it loads
end
