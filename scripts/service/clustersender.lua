-- clustersender: the connection to one other node. It connects when the
-- first request comes, writes requests and pushes in the cluster format
-- and matches the node's responses to the waiting callers by session
-- (responses may come out of order). If the connection fails or drops,
-- every waiting caller gets an error and the next request reconnects.
local skynet = require "skynet"
local socket = require "skynet.socket"
local core = require "cluster.core"

local node, host, port = ...
port = tonumber(port)

local fd              -- the connection, once open
local opening         -- tokens waiting while it opens
local session = 1     -- the next request session (wraps to 1 after 2^31-1)
local waiting = {}    -- session -> response closure of the caller

local function raw(msg)
	return msg
end

local function fail_waiting(why)
	for s, reply in pairs(waiting) do
		waiting[s] = nil
		reply(false)
	end
	if why then
		skynet.error(string.format("cluster: node %s: %s", node, why))
	end
end

local function read_responses(id)
	local reader = core.responsereader()
	while true do
		local head = socket.read(id, 2)
		if not head then
			break
		end
		local len = head:byte(1) * 256 + head:byte(2)
		local body = ""
		if len > 0 then
			body = socket.read(id, len)
			if not body then
				break
			end
		end
		local s, ok, data = reader:feed(body)
		if s == false then
			skynet.error(string.format("cluster: node %s sent a bad response (%s); closing", node, tostring(ok)))
			break
		elseif s then
			local reply = waiting[s]
			if reply == nil then
				skynet.error(string.format("cluster: node %s answered unknown session %d", node, s))
			else
				waiting[s] = nil
				if ok then
					reply(true, data)
				else
					skynet.error(string.format("cluster: call to node %s failed: %s", node, tostring(data)))
					reply(false)
				end
			end
		end
	end
	if fd == id then
		fd = nil
		fail_waiting("connection lost")
	end
	socket.close(id)
end

local function connection()
	if fd then
		return fd
	end
	if opening then
		local token = {}
		opening[#opening + 1] = token
		skynet.wait(token)
		return fd
	end
	opening = {}
	local id, err = socket.open(host, port)
	local waiters = opening
	opening = nil
	if id then
		fd = id
		skynet.fork(read_responses, id)
	else
		skynet.error(string.format("cluster: cannot connect to node %s at %s:%s: %s", node, tostring(host), tostring(port), tostring(err)))
	end
	for _, token in ipairs(waiters) do
		skynet.wakeup(token)
	end
	return fd
end

local function write_frames(id, frames)
	for _, f in ipairs(frames) do
		socket.write(id, f)
	end
end

local command = {}

-- req(address, payload): a call; the answer is the remote return values,
-- still packed.
function command.req(address, payload)
	local s = session
	local frames, next_session = core.packrequest(address, s, payload)
	session = next_session
	local reply = skynet.response(raw)
	local id = connection()
	if not id then
		reply(false)
		return
	end
	waiting[s] = reply
	local tag = skynet.tracetag()
	if tag then
		-- the caller's trace goes on at the other node
		socket.write(id, core.packtrace(tag))
	end
	write_frames(id, frames)
end

-- push(address, payload): a send; nothing comes back.
function command.push(address, payload)
	local frames, next_session = core.packpush(address, session, payload)
	session = next_session
	local id = connection()
	if id then
		write_frames(id, frames)
	end
end

-- changenode(host, port): the node moved; the next request reconnects.
function command.changenode(h, p)
	host, port = h, p
	local id = fd
	fd = nil
	if id then
		socket.close(id)
		fail_waiting("address changed")
	end
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, ...)
		local f = assert(command[cmd], "clustersender: unknown command " .. tostring(cmd))
		f(...)
	end)
end)
