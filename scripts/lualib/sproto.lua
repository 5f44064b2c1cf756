-- sproto: schema-driven messages and RPC for skynet services.
--
-- The codec lives in Go (module "sproto.core", package runtime/sproto);
-- this file is the Lua face skynet's examples and agents program against:
--
--   local sp = sproto.parse(text)            -- or sproto.new(bundle)
--   local bin = sp:encode("Person", t)       -- sp:decode("Person", bin)
--   local host = sp:host "package"
--   local request = host:attach(peer_sp)
--   local pkt = request("get", { what = "x" }, session)
--   local kind, name, args, respond, ud = host:dispatch(pkt)
--
-- Messages are strings; skynet's (pointer, size) pairs do not exist here,
-- so every size argument is optional and ignored.

local core = require "sproto.core"

local sproto = {}
local host = {}

local sproto_mt = { __index = sproto }
local host_mt = { __index = host }

-- wrap gives a core schema its Lua object. The caches only ever grow to
-- the size of the schema.
local function wrap(cobj)
	return setmetatable({
		__cobj = cobj,
		__tcache = {}, -- type name -> core type
		__pcache = {}, -- protocol name and tag -> protocol record
	}, sproto_mt)
end

-- sproto.new(bundle): a schema from the binary bundle sprotoparser makes.
function sproto.new(bundle)
	return wrap(core.newproto(bundle))
end

-- sproto.sharenew(cobj): a Lua object over a core schema obtained
-- elsewhere (sprotoloader). Core schemas are immutable and shared freely.
function sproto.sharenew(cobj)
	return wrap(cobj)
end

-- sproto.parse(text): compile schema text and load it in one step.
function sproto.parse(text)
	return sproto.new(core.parse(text))
end

sproto.pack = core.pack
sproto.unpack = core.unpack

local function type_of(self, typename)
	local st = self.__tcache[typename]
	if st == nil then
		st = core.querytype(self.__cobj, typename)
		if st == nil then
			error("sproto: unknown type: type " .. tostring(typename) .. " not found", 3)
		end
		self.__tcache[typename] = st
	end
	return st
end

-- proto_of finds a protocol by name or tag. The record is cached under
-- both, so RPC traffic, which names protocols by tag, never asks Go twice.
local function proto_of(self, key)
	local p = self.__pcache[key]
	if p == nil then
		local other, request, response, confirm = core.protocol(self.__cobj, key)
		if other == nil then
			error("sproto: unknown protocol: " .. tostring(key) .. " not found", 3)
		end
		local name, tag = key, other
		if type(key) == "number" then
			name, tag = other, key
		end
		p = { name = name, tag = tag, request = request, response = response, confirm = confirm }
		self.__pcache[name] = p
		self.__pcache[tag] = p
	end
	return p
end

function sproto:exist_type(typename)
	return self.__tcache[typename] ~= nil or core.querytype(self.__cobj, typename) ~= nil
end

function sproto:exist_proto(key)
	return self.__pcache[key] ~= nil or core.protocol(self.__cobj, key) ~= nil
end

-- sp:encode(typename, t) -> bytes
function sproto:encode(typename, t)
	return core.encode(type_of(self, typename), t)
end

-- sp:decode(typename, bytes) -> table, bytes used
function sproto:decode(typename, bin)
	return core.decode(type_of(self, typename), bin)
end

-- sp:pencode / sp:pdecode: encode then 0-pack, unpack then decode.
function sproto:pencode(typename, t)
	return core.pack(core.encode(type_of(self, typename), t))
end

function sproto:pdecode(typename, bin)
	return core.decode(type_of(self, typename), core.unpack(bin))
end

-- The header-less RPC halves: bodies only, not packed. A direction the
-- protocol has no type for has an empty body; `response nil` (confirm)
-- additionally refuses a body.
local function encode_body(p, st, strict, t)
	if st then
		return core.encode(st, t)
	end
	if strict and t ~= nil then
		error("sproto: unexpected args: " .. p.name .. " has no response type", 3)
	end
	return ""
end

-- sp:request_encode(name, t) -> bytes, tag
function sproto:request_encode(name, t)
	local p = proto_of(self, name)
	return encode_body(p, p.request, false, t), p.tag
end

-- sp:response_encode(name, t) -> bytes
function sproto:response_encode(name, t)
	local p = proto_of(self, name)
	return encode_body(p, p.response, p.confirm, t)
end

-- sp:request_decode(name, bytes) -> table or nil, protocol name
function sproto:request_decode(name, bin)
	local p = proto_of(self, name)
	if p.request then
		local args = core.decode(p.request, bin)
		return args, p.name
	end
	return nil, p.name
end

-- sp:response_decode(name, bytes) -> table, bytes used (nothing when the
-- protocol's response has no type)
function sproto:response_decode(name, bin)
	local p = proto_of(self, name)
	if p.response then
		return core.decode(p.response, bin)
	end
end

-- sp:default(typename) -> a table of the type's zero values;
-- sp:default(protoname, "REQUEST" | "RESPONSE") -> the same for a protocol
-- direction, or nil when it has no type.
function sproto:default(name, kind)
	if kind == nil then
		return core.default(type_of(self, name))
	end
	local p = proto_of(self, name)
	local st
	if kind == "REQUEST" then
		st = p.request
	elseif kind == "RESPONSE" then
		st = p.response
	else
		error("sproto: default: kind must be REQUEST or RESPONSE, got " .. tostring(kind), 2)
	end
	if st then
		return core.default(st)
	end
end

-- sp:host([packagename]) -> host. The package type is the packet header,
-- conventionally `.package { type 0 : integer  session 1 : integer }`.
function sproto:host(packagename)
	return setmetatable({
		__proto = self,
		__host = core.host(self.__cobj, packagename or "package"),
	}, host_mt)
end

-- host:dispatch(packet [, sz]) ->
--   "REQUEST", name, args, respond, ud   (respond(args, ud) -> packet; nil
--                                        when the request has no session)
--   "RESPONSE", session, args, ud
function host:dispatch(packet, sz)
	return core.dispatch(self.__host, packet, sz)
end

-- host:attach(peer) -> request(name, args, session, ud) -> packet, for
-- calling protocols of the peer's schema. Requests with a session are
-- remembered so their responses can be dispatched.
function host:attach(peer)
	return core.attach(self.__host, peer.__cobj)
end

return sproto
