-- api_socket: skynet.socket over real TCP on 127.0.0.1, the service talking
-- to itself: listen/start/accept, open, write, read (sized and any),
-- readline, readall, close, netstat, limit, and netpack framing.
local skynet = require "skynet"
local socket = require "skynet.socket"
local netpack = require "skynet.netpack"
local T = require "t"

skynet.start(function()
	local listen_id, addr, port = socket.listen("127.0.0.1", 0)
	T.run("listen binds a loopback port", function()
		T.ok(listen_id, "listen id")
		T.eq(addr, "127.0.0.1", "address")
		T.ok(port > 0, "port " .. tostring(port))
	end)

	local accepted = {}
	socket.start(listen_id, function(fd, peer)
		accepted[#accepted + 1] = { fd = fd, peer = peer }
	end)

	local client = socket.open("127.0.0.1", port)
	while #accepted == 0 do
		skynet.sleep(1)
	end
	local server = accepted[1].fd

	T.run("accept reports the peer; start begins reading", function()
		T.ok(string.find(accepted[1].peer, "127.0.0.1:", 1, true), "peer " .. accepted[1].peer)
		T.eq(socket.start(server), server, "start returns the id")
	end)

	T.run("write then read sized, any, and lines", function()
		socket.write(client, "hello world\nsecond line\n")
		T.eq(socket.read(server, 5), "hello", "sized read")
		T.eq(socket.readline(server), " world", "rest of the line")
		T.eq(socket.readline(server, "\n"), "second line", "second line")
		socket.write(server, "pong")
		local got = socket.read(client)
		T.eq(got, "pong", "read any")
	end)

	T.run("netpack frames survive the stream", function()
		local frame = netpack.pack("framed payload")
		T.eq(#frame, 2 + #"framed payload", "2-byte header")
		socket.write(client, frame)
		local hdr = socket.read(server, 2)
		local len = string.unpack(">I2", hdr)
		T.eq(socket.read(server, len), "framed payload", "payload")
	end)

	T.run("netstat lists the sockets with their owner", function()
		local seen = {}
		for _, st in ipairs(socket.netstat()) do
			seen[st.id] = st
		end
		T.ok(seen[listen_id], "listener listed")
		T.ok(seen[client] and seen[server], "both ends listed")
		T.eq(seen[server].address, skynet.self(), "owner")
	end)

	T.run("close: the other side reads what was left, then false", function()
		socket.write(client, "last words")
		socket.close(client)
		T.eq(socket.readall(server), "last words", "readall until close")
		local ok = socket.read(server, 1)
		T.eq(ok, false, "read after close")
		T.ok(socket.disconnected(server), "disconnected")
		socket.close(server)
		T.ok(socket.invalid(server), "forgotten after close")
	end)

	T.run("open to a closed port fails with an error", function()
		socket.close(listen_id)
		local id, err = socket.open("127.0.0.1", port)
		T.eq(id, nil, "no id")
		T.ok(err, "error " .. tostring(err))
	end)

	T.run("udp: datagrams with the sender's address, sendto, udp_dial", function()
		local got = {}
		local server_id
		server_id = socket.udp(function(data, from)
			got[#got + 1] = data
			socket.sendto(server_id, from, "echo:" .. data)
		end, "127.0.0.1", 0)
		local server_port
		for _, st in ipairs(socket.netstat()) do
			if st.id == server_id then
				server_port = tonumber(string.match(st.sock or "", ":(%d+)$"))
			end
		end
		T.ok(server_port, "server port from netstat")
		local replies = {}
		local client_id = socket.udp_dial("127.0.0.1", server_port, function(data, from)
			local ip, p = socket.udp_address(from)
			replies[#replies + 1] = { data = data, ip = ip, port = p }
		end)
		socket.write(client_id, "one")
		socket.write(client_id, "two")
		for _ = 1, 200 do
			if #replies == 2 then
				break
			end
			skynet.sleep(1)
		end
		T.eq(got[1], "one", "first datagram")
		T.eq(got[2], "two", "second datagram")
		T.eq(replies[1] and replies[1].data, "echo:one", "reply")
		T.eq(replies[1] and replies[1].ip, "127.0.0.1", "reply sender ip")
		T.eq(replies[1] and replies[1].port, server_port, "reply sender port")
		T.fails(function() socket.udp_address("bad") end, "invalid UDP address", "bad address")
		socket.close(client_id)
		socket.close(server_id)
		T.ok(socket.invalid(client_id), "closed")
	end)

	T.done()
end)
