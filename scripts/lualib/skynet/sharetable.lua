-- skynet.sharetable: read-mostly tables (configuration) loaded once and
-- queried by any service of the node, kept by sharedatad.
--
--   sharetable.loadfile("cfg/items.lua")      a file whose chunk returns a table
--   sharetable.loadstring("x", "return {1, 2}")
--   sharetable.loadtable("y", { a = 1 })
--   local items = sharetable.query("cfg/items.lua")
--
-- Loading a name again replaces its table; services see the new one at
-- their next query. Difference from skynet: query returns a copy for the
-- service (skynet shares one read-only table between services).
local skynet = require "skynet"
local sharedata = require "skynet.sharedata"

local sharetable = {}

function sharetable.loadfile(filename, ...)
	sharedata.update(filename, "@" .. filename, ...)
end

function sharetable.loadstring(name, source, ...)
	sharedata.update(name, source, ...)
end

function sharetable.loadtable(name, tbl)
	assert(type(tbl) == "table", "sharetable.loadtable needs a table")
	sharedata.update(name, tbl)
end

-- query(name) -> the current table (a fresh copy each time it changed).
function sharetable.query(name)
	return sharedata.deepcopy(name)
end

-- queryall({ names }) -> { name = table }; all loaded names without one.
function sharetable.queryall(names)
	assert(names, "sharetable.queryall needs the list of names here")
	local out = {}
	for _, name in ipairs(names) do
		out[name] = sharetable.query(name)
	end
	return out
end

return sharetable
