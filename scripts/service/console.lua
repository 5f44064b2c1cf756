-- console: in skynet this service reads lines from the node's stdin
-- (socket.stdin) and launches each as a service. skyconsole's socket layer
-- cannot bind stdin yet, so this console says so once and stays idle: the
-- name exists (skynet's examples/main.lua starts it) and handle numbers
-- match a real skynet node. Launch services with the debug console's
-- `start NAME` command instead.
local skynet = require "skynet"

skynet.start(function()
	skynet.error("console: reading the node's stdin is not supported yet (no socket.stdin); lines typed there are ignored. Use debug_console's `start NAME` to launch a service")
end)
