-- console: reads lines typed at the node's terminal and launches a
-- service for each, as skynet's console does: "simpledb" starts a
-- simpledb service, "hello a b" starts hello with the arguments a and b.
-- It needs a node started with its stdin (`skyconsole run`); without one
-- it says so once and stays idle, so the name and handle numbers still
-- match a real skynet node. At the end of input it stops reading and stays
-- alive (skynet's console dies with an assertion there).
local skynet = require "skynet"
local socket = require "skynet.socket"

local function words(line)
	local out = {}
	for w in string.gmatch(line, "%S+") do
		out[#out + 1] = w
	end
	return out
end

local function launch(line)
	local argv = words(line)
	if #argv == 0 then
		return
	end
	local ok, handle = pcall(skynet.newservice, table.unpack(argv))
	if ok then
		skynet.error(string.format("console: launched %s as %s", line, skynet.address(handle)))
	else
		skynet.error(string.format("console: cannot launch %s: %s", line, tostring(handle)))
	end
end

local function loop()
	local ok, stdin = pcall(socket.stdin)
	if not ok or not stdin then
		skynet.error("console: not reading stdin (" .. tostring(stdin) .. "); launch services with debug_console's `start NAME`")
		return
	end
	while true do
		local line = socket.readline(stdin, "\n")
		if not line then
			skynet.error("console: stdin closed")
			return
		end
		launch((string.gsub(line, "\r$", "")))
	end
end

skynet.start(function()
	skynet.fork(loop)
end)
