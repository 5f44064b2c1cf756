-- skynet.harbor: global names and harbor links. A skyconsole node is a
-- single harbor (master and slave in one process, like skynet started
-- with `standalone`), so global names live in the node's name table and
-- other harbors are never connected; nodes talk through skynet.cluster.
local skynet = require "skynet"
local c = require "skynet.core"

local harbor = {}

-- globalname(name [, handle]) names a service for the whole (one-node)
-- network; names start with a letter, not ".".
function harbor.globalname(name, handle)
	assert(type(name) == "string" and name:sub(1, 1) ~= ".", "harbor.globalname needs a global name (no leading \".\")")
	c.name(name, handle or skynet.self())
end

-- queryname(name) -> the handle of a global name, or nil.
function harbor.queryname(name)
	return c.queryname(name)
end

local function own(id)
	return id == nil or id == 0 or id == skynet.harbor(skynet.self())
end

-- link(id) returns when harbor id disconnects: this node's own harbor
-- never does, so it waits for ever, as skynet's does for a live harbor.
function harbor.link(id)
	if not own(id) then
		return -- not connected: already "disconnected"
	end
	skynet.wait()
end

-- connect(id) returns once harbor id is connected: at once for this
-- node's own harbor; other harbors never connect here.
function harbor.connect(id)
	if not own(id) then
		error(string.format("harbor.connect(%d): a skyconsole node is one harbor; use skynet.cluster between nodes", id), 2)
	end
end

-- linkmaster returns when the master disconnects: never, in one process.
function harbor.linkmaster()
	skynet.wait()
end

return harbor
