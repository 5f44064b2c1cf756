-- main: starts a gate, waits for one client, kills the gate and starts a
-- new one on the same port, five times. The Go test connects each round.
local skynet = require "skynet"

local port = tonumber(skynet.getenv("gate_port"))
local client_seen

skynet.start(function()
	-- this service is the gates' watchdog
	skynet.dispatch("lua", function(session, source, cmd, sub, fd, addr)
		if cmd == "socket" and sub == "open" then
			skynet.error("CLIENT " .. tostring(fd))
			local token = client_seen
			client_seen = nil
			if token then
				skynet.wakeup(token)
			end
		end
	end)
	for round = 1, 5 do
		local gate = skynet.newservice("gate")
		local addr, p = skynet.call(gate, "lua", "open", { address = "127.0.0.1", port = port })
		client_seen = {}
		local token = client_seen
		skynet.error(string.format("GATE_UP %d %s:%d", round, addr, p))
		skynet.wait(token)
		skynet.kill(gate)
	end
	skynet.error("RESTARTS_DONE")
	skynet.abort()
end)
