-- t: a tiny test harness for Lua tests driven from Go. Every check logs
-- its result; done() logs a summary and aborts the node with status 0 when
-- everything passed, 1 otherwise. The Go side asserts on both.
local skynet = require "skynet"
local core = require "skynet.core"

local T = { failed = 0, passed = 0 }

local function show(v)
	if type(v) == "string" then
		return string.format("%q", v)
	end
	return tostring(v)
end

function T.eq(got, want, what)
	if got ~= want then
		error(string.format("%s: got %s, want %s", what or "value", show(got), show(want)), 2)
	end
end

function T.ok(cond, what)
	if not cond then
		error((what or "condition") .. " is false", 2)
	end
end

function T.fails(f, pattern, what)
	local ok, err = pcall(f)
	if ok then
		error((what or "call") .. " did not fail", 2)
	end
	if pattern and not string.find(tostring(err), pattern) then
		error(string.format("%s failed with %s, want /%s/", what or "call", show(tostring(err)), pattern), 2)
	end
	return err
end

function T.run(name, f)
	local ok, err = xpcall(f, debug.traceback)
	if ok then
		T.passed = T.passed + 1
		skynet.error("PASS " .. name)
	else
		T.failed = T.failed + 1
		skynet.error("FAIL " .. name .. ": " .. tostring(err))
	end
end

function T.done()
	skynet.error(string.format("DONE passed=%d failed=%d", T.passed, T.failed))
	core.abort(T.failed == 0 and 0 or 1)
end

return T
