-- load(chunk [, chunkname [, mode [, env]]]) with Lua 5.2+ semantics.

-- String chunks, with varargs.
eq(load("return 1 + 1")(), 2)
eq(select(2, load("return ...")(1, 2)), 2)

-- Chunk names show in messages the way Lua prints them.
do
  local f, msg = load("x = ")
  eq(f, nil)
  assert(string.find(msg, '[string "x = "]:1:', 1, true), msg)
  assert(string.find(msg, "near <eof>", 1, true), msg)
  f, msg = load("local a =\n+", "=mychunk")
  assert(string.find(msg, "mychunk:2:", 1, true), msg)
  assert(string.find(msg, "near '+'", 1, true), msg)
  f, msg = load("return return", "@svc/agent.lua")
  assert(string.find(msg, "svc/agent.lua:1:", 1, true), msg)
  assert(not string.find(msg, "@", 1, true), msg)
  local ok, err = pcall(load("error('boom')", "@svc.lua"))
  eq(ok, false)
  eq(err, "svc.lua:1: boom")
  ok, err = pcall(load("local x = 1\nerror('two')"))
  eq(err, '[string "local x = 1..."]:2: two')
  local long = "return '" .. string.rep("x", 80) .. "'"
  ok, err = pcall(load(long .. " + nil"))
  assert(string.find(err, '[string "return \'xxx', 1, true), err)
  assert(string.find(err, '..."]:1:', 1, true), err)
end

-- env becomes the chunk's environment, and its nested functions'.
do
  local env = {y = 5}
  local f = load("x = 1; local function g() return y * 2 end; return y, g()", "c", "t", env)
  local a, b = f()
  eq(a, 5) eq(b, 10)
  eq(env.x, 1)
  eq(rawget(_G, "x"), nil)
  local shared = load("counter = (counter or 0) + 1; return counter", "c", "t", env)
  eq(shared(), 1) eq(shared(), 2)
  eq(env.counter, 2)
  -- without env the chunk sees the globals
  glob_for_load_test = 7
  eq(load("return glob_for_load_test")(), 7)
  eq(load("return glob_for_load_test", "c", "t")(), 7)
  -- an explicit nil env leaves the chunk without globals
  local nilenv = load("return print", "c", "t", nil)
  raises("attempt to index a nil value (upvalue '_ENV')", nilenv)
  local nilset = load("z = 1", "c", "t", nil)
  raises("attempt to index a nil value (upvalue '_ENV')", nilset)
  raises("bad argument #4 to 'load' (table expected, got number)", load, "return 1", "c", "t", 5)
end

-- mode: text chunks need 't'; binary chunks cannot run on this VM.
do
  local f, msg = load("return 1", "c", "b")
  eq(f, nil) eq(msg, "attempt to load a text chunk (mode is 'b')")
  f, msg = load("\27Lua", "c", "t")
  eq(f, nil) eq(msg, "attempt to load a binary chunk (mode is 't')")
  f, msg = load("\27Lua", "c", "bt")
  eq(f, nil)
  assert(string.find(msg, "binary chunk", 1, true), msg)
  eq(load("return 2", "c", "bt")(), 2)
end

-- Reader functions are called until they return nil or "".
do
  local pieces = {"return ", "1", " + ", 41}
  local i = 0
  local f = load(function() i = i + 1; return pieces[i] end)
  eq(f(), 42)
  local calls = 0
  f = load(function()
    calls = calls + 1
    if calls == 1 then return "return 'r'" end
    return ""
  end)
  eq(f(), "r")
  eq(calls, 2)
  local f2, msg = load(function() return {} end)
  eq(f2, nil)
  assert(string.find(msg, "load.lua:%d+: reader function must return a string$"), msg)
  f2, msg = load(function() error("reader broke", 0) end)
  eq(f2, nil) eq(msg, "reader broke")
  f2, msg = load(function() return nil end)
  eq(f2(), nil) -- an empty chunk
  local once = false
  f2, msg = load(function() if once then return nil end once = true return "x =" end, "=rd")
  eq(f2, nil)
  assert(string.find(msg, "rd:1:", 1, true), msg)
  f = load(function() return nil end, "=named", "t", {v = 3})
  eq(f(), nil)
end

raises("bad argument #1 to 'load' (function expected, got table)", load, {})
raises("bad argument #1 to 'load' (function expected, got no value)", load)
