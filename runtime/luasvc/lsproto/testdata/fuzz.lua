-- probe(bytes) feeds hostile bytes to every decoding entry point of the
-- Lua API. Failing is fine as long as it is a sproto error; whatever
-- decodes must encode again and decode to the same table. probe raises
-- (and fuzz_test.go reports) only when one of those rules breaks, which
-- includes a Go panic surfacing through pcall.

local targets = {}
for _, spec in ipairs {
	{ "types.sproto", { "All", "AllV1", "Pair", "Item", "Sparse", "Empty" } },
	{ "addressbook.sproto", { "AddressBook", "Person" } },
	{ "foobar.sproto", { "foobar" } },
	{ "rpc.sproto", { "package", "LoginReq", "LoginResp" } },
} do
	local sp = schema(spec[1])
	for _, name in ipairs(spec[2]) do
		targets[#targets + 1] = { sp = sp, name = name }
	end
end

local rpc = schema "rpc.sproto"
local server, client = rpc:host(), rpc:host()
local request = client:attach(rpc)

local function check_error(what, err)
	if type(err) ~= "string" or err:sub(1, 8) ~= "sproto: " then
		error("FUZZ: " .. what .. " raised a non-sproto error: " .. tostring(err), 0)
	end
end

local function check_decode(sp, name, ok, t, n, bin)
	if not ok then
		check_error(name, t)
		return
	end
	if n > #bin then
		error("FUZZ: " .. name .. " used " .. n .. " of " .. #bin .. " bytes", 0)
	end
	local ok2, again = pcall(sp.encode, sp, name, t)
	if not ok2 then
		error("FUZZ: decoded " .. name .. " does not encode: " .. tostring(again), 0)
	end
	local t2 = sp:decode(name, again)
	if not same(t, t2) then
		error("FUZZ: " .. name .. " changed across encode: " .. show(t) .. " vs " .. show(t2), 0)
	end
end

function probe(bin)
	for _, target in ipairs(targets) do
		local sp, name = target.sp, target.name
		local ok, t, n = pcall(sp.decode, sp, name, bin)
		check_decode(sp, name, ok, t, n, bin)
		ok, t = pcall(sp.pdecode, sp, name, bin)
		if not ok then check_error("pdecode " .. name, t) end
	end
	-- Sessions 0..3 await responses, so a hostile response gets decoded.
	request("foobar", { what = "" }, 0)
	request("foo", nil, 1)
	request("bar", nil, 2)
	request("login", { user = "" }, 3)
	for _, h in ipairs { server, client } do
		local ok, kind, _, _, respond = pcall(h.dispatch, h, bin)
		if not ok then
			check_error("dispatch", kind)
		elseif respond then
			local ok2, err = pcall(respond, nil)
			if not ok2 then check_error("respond", err) end
		end
	end
	for _, f in ipairs { sproto.unpack, sproto.new } do
		local ok, err = pcall(f, bin)
		if not ok then check_error("unpack/new", err) end
	end
end
