-- 5.4-shaped coroutine.running, isyieldable, status, resume and close.

local main, ismain = coroutine.running()
eq(type(main), "thread")
eq(ismain, true)
eq(coroutine.isyieldable(), false)
eq(coroutine.status(main), "running")
eq(coroutine.isyieldable(main), false)

-- Inside a coroutine: itself, not main, yieldable; main is "normal".
do
  local inner, innermain, yieldable, mainstatus, resumemain
  local co = coroutine.create(function()
    inner, innermain = coroutine.running()
    yieldable = coroutine.isyieldable()
    mainstatus = coroutine.status(main)
    resumemain = table.pack(coroutine.resume(main))
  end)
  assert(coroutine.resume(co))
  eq(inner, co) eq(innermain, false) eq(yieldable, true)
  eq(mainstatus, "normal")
  eq(resumemain[1], false)
  eq(resumemain[2], "cannot resume non-suspended coroutine")
  eq(coroutine.status(co), "dead")
end

-- Values flow through resume and yield; the dead state is reported.
do
  local co = coroutine.create(function(a, b)
    local c = coroutine.yield(a + b)
    return c * 2
  end)
  eq(coroutine.status(co), "suspended")
  eq(coroutine.isyieldable(co), true)
  local ok, v = coroutine.resume(co, 1, 2)
  eq(ok, true) eq(v, 3)
  eq(coroutine.status(co), "suspended")
  ok, v = coroutine.resume(co, 10)
  eq(ok, true) eq(v, 20)
  eq(coroutine.status(co), "dead")
  ok, v = coroutine.resume(co)
  eq(ok, false) eq(v, "cannot resume dead coroutine")
end

-- A coroutine cannot resume the one that resumed it, nor itself.
do
  local a, b
  local seen = {}
  b = coroutine.create(function()
    seen.astatus = coroutine.status(a)
    seen.resume_a = table.pack(coroutine.resume(a))
    seen.resume_self = table.pack(coroutine.resume(b))
    seen.bstatus = coroutine.status(b)
  end)
  a = coroutine.create(function() assert(coroutine.resume(b)) end)
  assert(coroutine.resume(a))
  eq(seen.astatus, "normal")
  eq(seen.resume_a[1], false)
  eq(seen.resume_a[2], "cannot resume non-suspended coroutine")
  eq(seen.resume_self[2], "cannot resume non-suspended coroutine")
  eq(seen.bstatus, "running")
end

-- close: suspended and dead coroutines close; running and normal ones raise.
do
  local co = coroutine.create(function() coroutine.yield() end)
  eq(coroutine.close(co), true) -- never started
  eq(coroutine.status(co), "dead")
  local ok, msg = coroutine.resume(co)
  eq(ok, false) eq(msg, "cannot resume dead coroutine")

  co = coroutine.create(function() coroutine.yield() end)
  assert(coroutine.resume(co))
  eq(coroutine.close(co), true) -- suspended in yield
  eq(coroutine.status(co), "dead")
  eq(coroutine.close(co), true) -- already dead

  local failed = coroutine.create(function() error("boom") end)
  eq(coroutine.resume(failed), false)
  eq(coroutine.close(failed), true) -- 5.4 would return false, "boom"

  raises("cannot close a running coroutine", coroutine.close, main)
  local outer, closeerr
  outer = coroutine.create(function()
    local inner = coroutine.create(function()
      closeerr = select(2, pcall(coroutine.close, outer))
    end)
    coroutine.resume(inner)
  end)
  coroutine.resume(outer)
  assert(string.find(closeerr, "cannot close a normal coroutine", 1, true), closeerr)
  raises("bad argument #1 to 'close' (coroutine expected, got no value)", coroutine.close)
  raises("bad argument #1 to 'status' (coroutine expected, got table)", coroutine.status, {})
  raises("bad argument #1 to 'resume' (coroutine expected, got number)", coroutine.resume, 1)
end

-- wrap and generator loops keep working.
do
  local gen = coroutine.wrap(function()
    for i = 1, 3 do coroutine.yield(i) end
  end)
  eq(gen(), 1) eq(gen(), 2) eq(gen(), 3)
  local sum = 0
  local co = coroutine.create(function() for i = 1, 100 do coroutine.yield(i) end end)
  while true do
    local ok, v = coroutine.resume(co)
    if not v then break end
    sum = sum + v
  end
  eq(sum, 5050)
  local ok, err = coroutine.resume(coroutine.create(function() error("inside", 0) end))
  eq(ok, false) eq(err, "inside")
end

-- A coroutine whose body is a Go function that yields keeps no frame to
-- return to in gopher-lua, and resuming it again would crash the VM; it is
-- reported dead instead (real Lua would let it finish).
do
  local co = coroutine.create(coroutine.yield)
  local ok, v = coroutine.resume(co, 1)
  eq(ok, true) eq(v, 1)
  eq(coroutine.status(co), "dead")
  ok, v = coroutine.resume(co, 2)
  eq(ok, false) eq(v, "cannot resume dead coroutine")
  eq(coroutine.status(main), "running")
end
