-- console: in skynet this service reads commands from the node's stdin and
-- launches them as services. skyconsole does not hand its stdin to a
-- service; use `skyconsole repl` (or the debug console) instead. The
-- service stays idle so handle numbers match a real skynet node.
local skynet = require "skynet"

skynet.start(function()
	skynet.error("console: stdin is not read by this service in skyconsole; use the skyconsole REPL or debug_console")
end)
