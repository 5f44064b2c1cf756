-- sprotoloader and sprotoparser within one state; store_test.go covers
-- several states sharing a Store.

local loader = require "sprotoloader"
local parser = require "sprotoparser"

test("register_and_load", function()
	loader.register(VECTORS .. "rpc.sproto", 1)
	local sp = loader.load(1)
	local body, tag = sp:request_encode("foobar", { what = "x" })
	eq(tag, 1)
	eq(sp:request_decode("foobar", body), { what = "x" })
	assert(sp:exist_proto "login")
end)

test("save_and_load", function()
	loader.save(parser.parse ".A { x 0 : integer }", 2)
	local sp = loader.load(2)
	eq(sp:decode("A", sp:encode("A", { x = 5 })), { x = 5 })
	-- A later save replaces the slot for later loads only.
	loader.save(parser.parse ".B { y 0 : string }", 2)
	assert(not loader.load(2):exist_type "A")
	assert(sp:exist_type "A")
end)

test("slot_errors", function()
	fails("nil sproto in global slot 9", loader.load, 9)
	fails("invalid global slot index 16", loader.save, parser.parse "", 16)
	fails("invalid global slot index -1", loader.load, -1)
	fails("can't open sproto file", loader.register, VECTORS .. "missing.sproto", 3)
	local bad = os.tmpname()
	local f = assert(io.open(bad, "wb"))
	f:write ".A { x : integer }"
	f:close()
	local ok, err = pcall(loader.register, bad, 3)
	os.remove(bad)
	assert(not ok and err:find("syntax error at [" .. bad .. "] line (1)", 1, true), err)
	fails("invalid bundle", loader.save, "junk", 3)
end)

test("parser_names_errors", function()
	fails("syntax error at [=text] line (1)", parser.parse, ".A { x : integer }")
	fails("syntax error at [my.sproto] line (1)", parser.parse, ".A { x : integer }", "my.sproto")
end)
