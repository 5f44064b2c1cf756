-- Encode and decode every type of testdata/vectors/types.sproto.

local sp = schema "types.sproto"

local function round_trip(typename, msg, want)
	local bin = sp:encode(typename, msg)
	local got, n = sp:decode(typename, bin)
	eq(n, #bin, typename .. " bytes used")
	eq(got, want or msg, typename)
	local pgot = sp:pdecode(typename, sp:pencode(typename, msg))
	eq(pgot, want or msg, typename .. " packed")
	return bin
end

local function nest(n)
	local t = { i = n }
	for k = n - 1, 0, -1 do t = { i = k, sub = t } end
	return t
end

test("small_types", function()
	round_trip("Empty", {})
	round_trip("Pair", { key = "k", value = -7 })
	round_trip("Item", { id = 1, name = "apple", price = 9.99 })
	round_trip("Sparse", { x = 1, y = "y", z = false })
	round_trip("AllV1", { i = 1, s = "s", far = 1e15 })
end)

test("all_fields", function()
	local msg = {
		i = -123456789012,
		b = true,
		s = "text\0with zero",
		d = -0.5,
		bin = "\0\1\255\254",
		dec = 1.234,
		e = {},
		ia = { 1, -1, 2 ^ 40, -(2 ^ 53) },
		ba = { true, false, true },
		sa = { "", "a", "bc" },
		da = { 0.25, -1e300, 3 },
		deca = { 0.1, -2.5, 1000000 },
		pa = { { key = "a", value = 1 }, { key = "b" }, {} },
		kv = { one = 1, two = 2, three = -3 },
		pmap = { x = { key = "x", value = 10 }, y = { key = "y" } },
		items = {
			[7] = { id = 7, name = "seven", price = 0.07 },
			[1000] = { id = 1000, price = -12.5 },
			[-5] = { id = -5 },
		},
		binarr = { "\255\0", "", "\0" },
		far = 42,
		sub = { i = 1, sub = { s = "deep", sparse = { z = true } } },
		sparse = { x = 2 ^ 31, y = "why" },
		zero = 7,
	}
	round_trip("All", msg)
end)

test("decimals_round_half_away", function()
	local got = sp:decode("All", sp:encode("All", { dec = 0.0005, deca = { -0.05, 0.04, 0.05 }, zero = 2.5 }))
	eq(got, { dec = 0.001, deca = { -0.1, 0, 0.1 }, zero = 3 })
	-- The wire holds the scaled integer: 1.5 in integer(3) is 1500.
	-- The wire holds the scaled integer: 1.5 in integer(3) is 1500, inline
	-- as (1500+1)*2 after a record skipping tags 0..4.
	eq(hex(sp:encode("All", { dec = 1.5 })), "0200" .. "0900" .. "ba0b")
end)

test("map_keys_come_from_elements", function()
	-- *T(key): the table key is only a handle; decoding keys each element
	-- by its own key field.
	local got = sp:decode("All", sp:encode("All", { pmap = { anything = { key = "real", value = 1 } } }))
	eq(got, { pmap = { real = { key = "real", value = 1 } } })
	fails("Can't find main index", sp.decode, sp, "All", sp:encode("All", { items = { { name = "no id" } } }))
	-- *T(): key -> value, both checked against the pair type.
	fails("Pair.value[0] is not an integer (Is a string)", sp.encode, sp, "All", { kv = { a = "x" } })
	fails("Pair.key[0] is not a string (Is a table)", sp.encode, sp, "All", { kv = { [{}] = 1 } })
end)

test("map_order_is_insertion_order", function()
	local a, b = {}, {}
	for _, k in ipairs { "z", "a", "m", "b" } do a[k] = #k end
	for _, k in ipairs { "b", "m", "a", "z" } do b[k] = #k end
	local ea, eb = sp:encode("All", { kv = a }), sp:encode("All", { kv = b })
	assert(ea ~= eb and #ea == #eb)
	eq(sp:encode("All", { kv = a }), ea, "stable")
	eq(sp:decode("All", ea), sp:decode("All", eb))
end)

test("integers", function()
	for _, n in ipairs { 0, 32766, 32767, -1, 2 ^ 31 - 1, 2 ^ 31, -(2 ^ 31), -(2 ^ 31) - 1, 2 ^ 53, -(2 ^ 53), 2 ^ 62, -(2 ^ 63) } do
		round_trip("All", { i = n, ia = { n } })
	end
	eq(sp:decode("All", sp:encode("All", { i = "12", ia = { "0x10", 3.0 } })), { i = 12, ia = { 16, 3 } })
	fails("All.i[0] is not an integer (Is a number)", sp.encode, sp, "All", { i = 1.5 })
	fails("All.i[0] is not an integer (Is a number)", sp.encode, sp, "All", { i = 2 ^ 63 })
	fails("All.i[0] is not an integer (Is a string)", sp.encode, sp, "All", { i = "x" })
	fails("All.ia[2] is not an integer (Is a number)", sp.encode, sp, "All", { ia = { 1, 0 / 0 } })
end)

test("integers_beyond_2^53", function()
	-- i = 2^53 + 1 as an 8-byte data part.
	local big = "0100" .. "0000" .. "08000000" .. "0100000000002000"
	fails("integer 9007199254740993 cannot be represented exactly in a Lua number", sp.decode, sp, "All", unhex(big))
	-- math.maxinteger rounds up to 2^63 as a float.
	fails("integer 9223372036854775807 cannot", sp.decode, sp, "All", unhex("0100000008000000ffffffffffffff7f"))
	-- In an array, and as a map key.
	fails("integer 9007199254740993", sp.decode, sp, "All", unhex("0200" .. "0d00" .. "0000" .. "09000000" .. "08" .. "0100000000002000"))
	local item = "0100" .. "0000" .. "08000000" .. "0100000000002000" -- Item { id = 2^53+1 }
	local items = "10000000" .. item
	fails("integer 9007199254740993", sp.decode, sp, "All",
		unhex("0200" .. "1d00" .. "0000" .. string.format("%02x000000", #items / 2) .. items))
	-- 2^60 is exact, so it arrives.
	eq(sp:decode("All", unhex("0100000008000000" .. "0000000000000010")), { i = 2 ^ 60 })
end)

test("binary_strings", function()
	local all = {}
	for c = 0, 255 do all[#all + 1] = string.char(c) end
	all = table.concat(all)
	round_trip("All", { bin = all, s = all, binarr = { all, all:reverse() }, sa = { all } })
end)

test("arrays", function()
	eq(sp:decode("All", sp:encode("All", { ia = { 1, 2, nil, 4 } })), { ia = { 1, 2 } }, "stops at nil")
	eq(sp:decode("All", sp:encode("All", { ia = {}, sa = { x = 1 }, pa = {} })), { ia = {}, sa = {}, pa = {} })
	fails("All.*ia(1) should be a table (Is a number)", sp.encode, sp, "All", { ia = 5 })
	fails("All.*kv(1) should be a table (Is a string)", sp.encode, sp, "All", { kv = "x" })
	fails("All.ia[2] is not an integer (Is a string)", sp.encode, sp, "All", { ia = { 1, "x" } })
	fails("All.pa[1] is not a table (Is a number)", sp.encode, sp, "All", { pa = { 1 } })
	fails("All.ba[1] is not a boolean (Is a function)", sp.encode, sp, "All", { ba = { print } })
end)

test("scalar_type_errors", function()
	fails("All.e[0] is not a table (Is a number)", sp.encode, sp, "All", { e = 5 })
	fails("All.b[0] is not a boolean (Is a number)", sp.encode, sp, "All", { b = 1 })
	fails("All.s[0] is not a string (Is a table)", sp.encode, sp, "All", { s = {} })
	fails("All.d[0] is not a number (Is a boolean)", sp.encode, sp, "All", { d = true })
	fails("All.dec[0] is not a number (Is a function)", sp.encode, sp, "All", { dec = print })
	fails("bad argument #2", sp.encode, sp, "All", nil)
	fails("unknown type: type Nope not found", sp.encode, sp, "Nope", {})
end)

test("depth", function()
	round_trip("All", nest(63))
	fails("The table is too deep", sp.encode, sp, "All", nest(64))
	local loop = {}
	loop.sub = loop
	fails("The table is too deep", sp.encode, sp, "All", loop)
end)

test("metatables", function()
	local proto = { i = 5, s = "inherited" }
	local msg = setmetatable({ b = true }, { __index = proto })
	eq(sp:decode("All", sp:encode("All", msg)), { i = 5, s = "inherited", b = true })
	local arr = setmetatable({}, { __index = function(_, k) if k <= 3 then return k * 10 end end })
	eq(sp:decode("All", sp:encode("All", { ia = arr })), { ia = { 10, 20, 30 } })
end)

test("forward_compatible", function()
	local bin = sp:encode("All", { i = 1, b = true, s = "s", far = 2, sub = { i = 3 } })
	eq(sp:decode("AllV1", bin), { i = 1, s = "s", far = 2 })
	local got, n = sp:decode("All", bin .. "trailing")
	eq(n, #bin, "trailing bytes ignored")
end)

test("sparse_keys", function()
	round_trip("All", { items = { [16000] = { id = 16000 } } })
	-- The table key of a *T(key) entry is only a handle, so a small one
	-- writes the large id without building a large table here. 1000000 is
	-- below gopher-lua's MaxArrayIndex both by default (2^26) and as
	-- luasvc sets it (2^20).
	local bin = sp:encode("All", { items = { { id = 1000000 } } })
	fails("integer key too sparse", sp.decode, sp, "All", bin)
	round_trip("All", { items = { [2 ^ 40] = { id = 2 ^ 40 }, [-1] = { id = -1 } } })
end)

test("default", function()
	local d = sp:default "All"
	eq(d.i, 0)
	eq(d.b, false)
	eq(d.s, "")
	eq(d.bin, "")
	eq(d.dec, 0)
	eq(d.ia, {})
	eq(d.kv, {})
	eq(d.sub, { __type = "All" })
	eq(d.e, { __type = "Empty" })
	local rpc = schema "rpc.sproto"
	eq(rpc:default("login", "REQUEST"), { user = "", token = "" })
	eq(rpc:default("foo", "REQUEST"), nil)
	eq(rpc:default("foo", "RESPONSE"), { ok = false })
	fails("kind must be REQUEST or RESPONSE", rpc.default, rpc, "foo", "BOTH")
end)

test("pack_unpack", function()
	eq(hex(sproto.pack(unhex "08000000030002001900000aa0100000")), "5108030239190aa010")
	eq(hex(sproto.unpack(unhex "5108030239190aa010")), "08000000030002001900000aa0100000")
	eq(sproto.unpack(sproto.pack "abc"), "abc\0\0\0\0\0")
	fails("Invalid unpack stream", sproto.unpack, "\255")
end)
