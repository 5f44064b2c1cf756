-- table.pack, table.unpack and table.move (Lua 5.3 semantics).

-- table.pack records the count, holes included.
do
  local t = table.pack(1, nil, 3)
  eq(t.n, 3) eq(t[1], 1) eq(t[2], nil) eq(t[3], 3)
  eq(table.pack().n, 0)
  local u = table.pack("a", "b")
  eq(#u, 2)
end

-- table.unpack with and without bounds.
do
  local a, b, c = table.unpack({1, 2, 3})
  eq(a, 1) eq(b, 2) eq(c, 3)
  eq(select("#", table.unpack({1, 2, 3}, 2)), 2)
  eq(select("#", table.unpack({}, 1, 3)), 3) -- explicit bounds count nils
  eq(select("#", table.unpack({1, 2, 3}, 3, 2)), 0)
  eq(select(2, table.unpack({"a", "b", "c"}, 2, 3)), "c")
  local x, y = table.unpack({[0] = "zero", [-1] = "minus"}, -1, 0)
  eq(x, "minus") eq(y, "zero")
  local t = table.pack(table.unpack({1, nil, 3}, 1, 3))
  eq(t.n, 3) eq(t[3], 3)
  eq(table.unpack({"s"}, "1"), "s") -- numeric strings convert
  raises("bad argument #2 to 'unpack' (number has no integer representation)", table.unpack, {}, 1.5)
  raises("bad argument #3 to 'unpack' (number has no integer representation)", table.unpack, {}, 1, 2.5)
  raises("too many results to unpack", table.unpack, {}, 1, 1e7)
  raises("too many results to unpack", table.unpack, {}, math.mininteger, math.maxinteger)
  raises("bad argument #1 to 'unpack' (table expected, got no value)", table.unpack)
  raises("bad argument #1 to 'unpack' (table expected, got number)", table.unpack, 5)
end

-- unpack goes through __index and __len, as lua_geti and luaL_len do.
do
  local proxy = setmetatable({}, {
    __index = function(_, k) return k * 10 end,
  })
  local a, b = table.unpack(proxy, 1, 2)
  eq(a, 10) eq(b, 20)
  local sized = setmetatable({}, {
    __index = function(_, k) return "v" .. k end,
    __len = function() return 2 end,
  })
  local p, q, r = table.unpack(sized)
  eq(p, "v1") eq(q, "v2") eq(r, nil)
end

-- the global unpack of Lua 5.1 stays available
eq(select("#", unpack({1, 2})), 2)

-- table.move: overlapping ranges in both directions, another table, result.
do
  local t = {1, 2, 3, 4, 5}
  eq(table.move(t, 2, 4, 1), t)
  eq(table.concat(t, ","), "2,3,4,4,5")
  t = {1, 2, 3, 4, 5}
  table.move(t, 1, 3, 3)
  eq(table.concat(t, ","), "1,2,1,2,3")
  local dst = {"x", "y"}
  eq(table.move({7, 8, 9}, 1, 3, 2, dst), dst)
  eq(table.concat(dst, ","), "x,7,8,9")
  local same = {1, 2, 3}
  eq(table.move(same, 1, 0, 5), same) -- empty range moves nothing
  eq(same[5], nil)
  local neg = table.move({1, 2}, 1, 2, -1, {})
  eq(neg[-1], 1) eq(neg[0], 2)
  local far = table.move({"a"}, 1, 1, 2^40, {})
  eq(far[2^40], "a")
  raises("bad argument #2 to 'move' (number has no integer representation)", table.move, {}, 1.5, 2, 1)
  raises("bad argument #4 to 'move' (number expected, got no value)", table.move, {}, 1, 2)
  raises("bad argument #1 to 'move' (table expected, got nil)", table.move, nil, 1, 2, 1)
  raises("bad argument #5 to 'move' (table expected, got string)", table.move, {}, 1, 2, 1, "s")
  raises("too many elements to move", table.move, {}, math.mininteger, 0, 1)
  raises("destination wrap around", table.move, {}, 1, 2000, math.maxinteger)
end

-- table.move honours __index on the source and __newindex on the target.
do
  local log = {}
  local src = setmetatable({}, {__index = function(_, k) return "s" .. k end})
  local dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v end})
  table.move(src, 1, 2, 10, dst)
  eq(table.concat(log, " "), "10=s1 11=s2")
end
