-- xpcall with arguments (5.2+) and collectgarbage options (5.3/5.4).

-- xpcall passes the extra arguments to f.
do
  local function add(a, b) return a + b, a * b end
  local ok, s, p = xpcall(add, print, 3, 4)
  eq(ok, true) eq(s, 7) eq(p, 12)
  eq(select("#", xpcall(function(...) return ... end, print, 1, nil, 3, nil)), 5)
  eq(select("#", xpcall(function() end, print)), 1)
end

-- On error the handler's result is returned; the handler sees the message.
do
  local seen
  local ok, v = xpcall(function(x) error("bad " .. x) end, function(m)
    seen = m
    return "handled"
  end, "thing")
  eq(ok, false) eq(v, "handled")
  assert(string.find(seen, "bad thing", 1, true), seen)
  local obj = {}
  ok, v = xpcall(function() error(obj) end, function(m) return m end)
  eq(ok, false) eq(v, obj)
  ok, v = xpcall(function() local t = nil; return t.x end, function(m) return "H:" .. m end)
  eq(ok, false)
  assert(string.find(v, "^H:"), v)
  -- nested: the inner handler does not leak to the outer call
  ok, v = xpcall(function()
    local iok, iv = xpcall(error, function() return "inner" end, "e")
    return iok, iv
  end, function() return "outer" end)
  eq(ok, true) eq(v, false)
end

-- Calling something that is not a function goes to the handler too.
do
  local ok, v = xpcall(nil, function(m) return "H:" .. tostring(m) end)
  eq(ok, false)
  assert(string.find(v, "H:", 1, true), v)
end

raises("bad argument #2 to 'xpcall' (function expected, got no value)", xpcall, print)
raises("bad argument #2 to 'xpcall' (function expected, got number)", xpcall, print, 1)
raises("bad argument #2 to 'xpcall' (function expected, got no value)", xpcall)

-- collectgarbage: "count" is the heap in KB; the tuning options are accepted.
do
  local kb = collectgarbage("count")
  eq(type(kb), "number")
  assert(kb > 0, "count is positive")
  local big = {}
  for i = 1, 20000 do big[i] = {i} end
  assert(collectgarbage("count") > 0)
  big = nil
  eq(collectgarbage(), 0)
  eq(collectgarbage("collect"), 0)
  eq(collectgarbage("step"), true)
  eq(collectgarbage("step", 100), true)
  eq(collectgarbage("isrunning"), true)
  eq(collectgarbage("incremental"), "incremental")
  eq(collectgarbage("generational"), "incremental")
  eq(collectgarbage("stop"), 0)
  eq(collectgarbage("restart"), 0)
  eq(collectgarbage("setpause", 100), 200)
  eq(collectgarbage("setstepmul", 200), 100)
  raises("bad argument #1 to 'collectgarbage' (invalid option 'bogus')", collectgarbage, "bogus")
end

-- pairs follows __pairs (Lua 5.2 on) and is unchanged otherwise.
do
  local proxy = setmetatable({}, { __pairs = function(t)
    local keys, i = { "a", "b" }, 0
    return function()
      i = i + 1
      if keys[i] then return keys[i], i end
    end, t, nil
  end })
  local seen = {}
  for k, v in pairs(proxy) do seen[#seen + 1] = k .. v end
  eq(table.concat(seen, ","), "a1,b2", "__pairs")
  local n = 0
  for _ in pairs({ x = 1, y = 2, 3 }) do n = n + 1 end
  eq(n, 3, "plain table")
  raises("table expected", pairs, 42)
end
