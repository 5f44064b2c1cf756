-- sprotoloader: schemas shared between the services of a node.
--
-- A schema saved in one of the 16 global slots (0..15) can be loaded by any
-- service without parsing it again: typically the launcher registers the
-- protocol files once and every agent loads them by index.

local core = require "sproto.core"
local sproto = require "sproto"

local loader = {}

-- loader.register(filename, index): parse a schema text file into a slot.
function loader.register(filename, index)
	local f, err = io.open(filename, "rb")
	if not f then
		error("sprotoloader: can't open sproto file " .. tostring(filename) .. ": " .. tostring(err), 2)
	end
	local text = f:read "*a"
	f:close()
	core.saveproto(core.newproto(core.parse(text, filename)), index)
end

-- loader.save(bundle, index): put a binary bundle into a slot.
function loader.save(bundle, index)
	core.saveproto(core.newproto(bundle), index)
end

-- loader.load(index) -> sproto object for the schema in the slot. Each
-- call reads the slot afresh, so a later save is seen by later loads.
function loader.load(index)
	return sproto.sharenew(core.loadproto(index))
end

return loader
