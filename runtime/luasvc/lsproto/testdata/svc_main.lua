-- svc_main: the start service of service_test.go. It publishes the
-- protocols through sprotoloader, launches an agent that loads them in its
-- own Lua state, and talks to it the way a skynet client talks to an agent:
-- packed sproto requests in, packed responses out.
local skynet = require "skynet"
local core = require "skynet.core"
local sprotoloader = require "sprotoloader"
local sprotoparser = require "sprotoparser"

local c2s = [[
.package { type 0 : integer  session 1 : integer }
handshake 1 { response { msg 0 : string } }
get 2 { request { what 0 : string } response { result 0 : string } }
set 3 { request { what 0 : string  value 1 : string } }
]]
local s2c = [[
.package { type 0 : integer  session 1 : integer }
heartbeat 1 {}
]]

local function check(cond, what)
	if not cond then error(what, 2) end
end

skynet.start(function()
	local ok, err = pcall(function()
		sprotoloader.save(sprotoparser.parse(c2s), 1)
		sprotoloader.save(sprotoparser.parse(s2c), 2)
		local agent = skynet.newservice("svc_agent")

		local host = sprotoloader.load(2):host "package"
		local request = host:attach(sprotoloader.load(1))

		local function ask(name, args, session)
			local reply = skynet.call(agent, "lua", "client", request(name, args, session))
			if reply == nil then return nil end
			local kind, s, result = host:dispatch(reply)
			check(kind == "RESPONSE" and s == session, "bad response to " .. name)
			return result
		end

		check(ask("handshake", nil, 1).msg == "Welcome to skynet", "handshake")
		check(ask("set", { what = "hello", value = "world" }, 2) == nil, "set replies with no body")
		check(ask("get", { what = "hello" }, 3).result == "world", "get")
		check(ask("set", { what = "x", value = "y" }) == nil, "one-way set")
		check(ask("get", { what = "x" }, 4).result == "y", "get after one-way set")

		local kind, name = host:dispatch(skynet.call(agent, "lua", "push"))
		check(kind == "REQUEST" and name == "heartbeat", "heartbeat push")
	end)
	if ok then
		skynet.error("SPROTO OK")
		core.abort(0)
	else
		skynet.error("FAIL " .. tostring(err))
		core.abort(1)
	end
end)
