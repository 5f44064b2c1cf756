-- Malformed input raises Lua errors: never a crash, never a hang.

local sp = schema "types.sproto"
local rpc = schema "rpc.sproto"

test("decode_errors", function()
	fails("decode error", sp.decode, sp, "All", "")
	fails("decode error", sp.decode, sp, "All", "\1")
	fails("decode error", sp.decode, sp, "All", "\1\0\0\0") -- data record, no length
	fails("decode error", sp.decode, sp, "All", unhex "0100000010000000ab") -- length past the end
	fails("decode error", sp.decode, sp, "All", unhex "02000d000000" .. unhex "0300000005abab") -- bad width
	fails("decode error", sp.decode, sp, "All", unhex "0200" .. unhex "1700" .. unhex "0000" .. unhex "0300000001" .. unhex "0000") -- pa element shorter than its header
	fails("bad argument #2", sp.decode, sp, "All", nil)
	fails("string expected, got table", sp.decode, sp, "All", {})
end)

test("decode_too_deep", function()
	-- All { sub = All { sub = ... } } nested 70 times, written inside out.
	local inner = unhex "0000"
	for _ = 1, 70 do
		inner = unhex "0200" .. unhex "c900" .. unhex "0000" .. string.char(#inner % 256, math.floor(#inner / 256), 0, 0) .. inner
	end
	fails("The table is too deep", sp.decode, sp, "All", inner)
end)

test("dispatch_errors", function()
	local h = rpc:host()
	fails("Invalid unpack stream", h.dispatch, h, "\255")
	fails("decode error", h.dispatch, h, "")
	-- Header { type = 99, session = 1 }: no such protocol.
	fails("99 not found", h.dispatch, h, sproto.pack(unhex "0200c800040000000000"))
	-- Header {}: a response without a session.
	fails("session not found", h.dispatch, h, sproto.pack(unhex "0000"))
	-- Header { session = 5 }: nobody asked.
	fails("Unknown session 5", h.dispatch, h, sproto.pack(unhex "020001000c00"))
	-- foobar request whose body is cut short.
	fails("decode error", h.dispatch, h, sproto.pack(unhex "0200040004000100"))
	fails("bad argument #2", h.dispatch, h, nil)
	local core = require "sproto.core"
	fails("sproto host expected", core.dispatch, rpc.__cobj, "")
	fails("sproto schema expected", core.host, h.__host)
end)

test("bad_bundles_and_schemas", function()
	fails("invalid bundle", sproto.new, "garbage")
	fails("invalid bundle", sproto.new, "\1\0\0\0\255\255\255\127")
	fails("syntax error at [=text] line (1)", sproto.parse, ".A { x : integer }")
	fails("Undefined type Nope in type A", sproto.parse, ".A { x 0 : Nope }")
end)

test("random_bytes", function()
	math.randomseed(42)
	local h = rpc:host()
	local types = { "All", "Pair", "Item", "Sparse", "Empty" }
	local okcount = 0
	for round = 1, 3000 do
		local n = math.random(0, 40)
		local b = {}
		for i = 1, n do b[i] = string.char(math.random(0, 255)) end
		if round % 2 == 0 and n >= 2 then
			-- A plausible header count, so decoding gets past it.
			b[1], b[2] = string.char(math.random(0, 6)), "\0"
		end
		local bin = table.concat(b)
		for _, name in ipairs(types) do
			if pcall(sp.decode, sp, name, bin) then okcount = okcount + 1 end
		end
		pcall(sp.pdecode, sp, "All", bin)
		pcall(h.dispatch, h, bin)
		pcall(sproto.unpack, bin)
		pcall(sproto.new, bin)
	end
	assert(okcount > 0, "some random inputs decode")
end)
