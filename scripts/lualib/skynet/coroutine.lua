-- skynet.coroutine: coroutines that may call blocking skynet functions.
-- Here blocking calls park the goroutine rather than yielding, so plain Lua
-- coroutines already qualify; this module keeps skynet's names.
local M = {}
for k, v in pairs(coroutine) do
	M[k] = v
end

function M.thread(co)
	local running, ismain = coroutine.running()
	co = co or running
	return co, ismain
end

return M
