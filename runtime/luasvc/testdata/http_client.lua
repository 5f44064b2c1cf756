-- http_client: http.httpc against the Go test server at http_target, and
-- against this node's own http_server.
local skynet = require "skynet"
local httpc = require "http.httpc"
local T = require "t"

skynet.start(function()
	local target = skynet.getenv("http_target")
	T.run("GET with a response header", function()
		local h = {}
		local status, body = httpc.get(target, "/json?x=1", h)
		T.eq(status, 200, "status")
		T.eq(body, '{"x":"1"}', "body")
		T.eq(h["content-type"], "application/json", "header")
	end)
	T.run("POST a form", function()
		local status, body = httpc.post(target, "/form", { a = "1 2", b = "&" })
		T.eq(status, 200, "status")
		T.eq(body, "a=1 2;b=&", "decoded by the Go server")
	end)
	T.run("a chunked response", function()
		local status, body = httpc.get(target, "/stream")
		T.eq(status, 200, "status")
		T.eq(body, string.rep("chunk;", 5), "body")
	end)
	T.run("against the Lua server", function()
		local server = skynet.getenv("lua_server")
		local status, body = httpc.request("POST", server, "/echo", nil, { ["content-type"] = "text/x" }, "round trip")
		T.eq(status, 200, "status")
		T.eq(body, "round trip", "body")
		local s2, b2 = httpc.get(server, "/chunked")
		T.eq(s2, 200, "chunked status")
		T.eq(b2, "one,two,three", "chunked body")
	end)
	T.run("a refused connection raises", function()
		T.fails(function() httpc.get("127.0.0.1:1", "/") end, "cannot connect", "refused")
	end)
	T.done()
end)
