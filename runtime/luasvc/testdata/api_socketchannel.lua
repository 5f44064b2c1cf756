-- api_socketchannel: session mode, answers out of order, against the Go
-- test's server at sc_addr (it answers "id text" lines, later ids first).
local skynet = require "skynet"
local sc = require "skynet.socketchannel"
local T = require "t"

skynet.start(function()
	local host, port = string.match(skynet.getenv("sc_addr"), "^(.*):(%d+)$")
	local ch = sc.channel {
		host = host,
		port = tonumber(port),
		response = function(sock)
			local line = sock:readline("\n")
			local id, text = line:match("^(%d+) (.*)$")
			return tonumber(id), text ~= "ERR", text
		end,
	}
	ch:connect(true)
	T.run("answers matched by session, whatever their order", function()
		local got, order, done = {}, {}, 0
		for i = 1, 3 do
			skynet.fork(function()
				got[i] = ch:request(string.format("%d hello%d\n", i, i), i)
				order[#order + 1] = i
				done = done + 1
			end)
		end
		while done < 3 do
			skynet.sleep(1)
		end
		for i = 1, 3 do
			T.eq(got[i], "hello" .. i, "session " .. i)
		end
		T.eq(table.concat(order, ","), "3,2,1", "the server answered later ids first")
	end)
	T.run("a server error for one session raises there", function()
		T.fails(function() ch:request("9 ERR\n", 9) end, "ERR", "error answer")
	end)
	ch:close()
	T.fails(function() ch:request("1 x\n", 1) end, "closed", "request on a closed channel")
	T.done()
end)
