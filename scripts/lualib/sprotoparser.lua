-- sprotoparser: schema text -> binary bundle.
--
-- The compiler is Go's (runtime/sproto.ParseBundle, reached through
-- "sproto.core"); its output is byte for byte what skynet's Lua parser
-- produces, and so are its error messages.

local core = require "sproto.core"

local parser = {}

-- parser.parse(text [, name]) -> bundle string. name labels syntax errors
-- ("=text" when absent).
function parser.parse(text, name)
	return core.parse(text, name)
end

return parser
