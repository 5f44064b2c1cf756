-- api_names: self, address, names, env, newservice, unique services, launch.
local skynet = require "skynet"
require "skynet.manager"
local T = require "t"

skynet.start(function()
	T.run("self and address", function()
		local me = skynet.self()
		T.eq(type(me), "number", "self type")
		T.eq(skynet.address(me), string.format(":%08x", me), "address")
		T.eq(skynet.address(".x"), ".x", "address of a name")
	end)

	T.run("register and name give local names; localname resolves them", function()
		local echo = skynet.newservice("echo")
		skynet.name(".echo_alias", echo)
		T.eq(skynet.localname(".echo_alias"), echo, "localname")
		T.eq(skynet.call(".echo_alias", "lua", "ping", "by name"), "by name", "call by name")
		skynet.register(".api_names")
		T.eq(skynet.localname(".api_names"), skynet.self(), "register")
		-- as in skynet, a taken name is refused without an error
		skynet.name(".echo_alias", skynet.self())
		T.eq(skynet.localname(".echo_alias"), echo, "duplicate name leaves the first owner")
		T.eq(skynet.localname(".nobody"), nil, "unknown name")
	end)

	T.run("a global name works on a single node", function()
		local echo = skynet.newservice("echo")
		skynet.name("GLOBAL_ECHO", echo)
		T.eq(skynet.call("GLOBAL_ECHO", "lua", "ping", 7), 7, "call global name")
	end)

	T.run("uniqueservice starts once; queryservice finds it", function()
		local a = skynet.uniqueservice("echo")
		local b = skynet.uniqueservice("echo")
		T.eq(a, b, "same handle")
		T.eq(skynet.queryservice("echo"), a, "queryservice")
		T.eq(skynet.uniqueservice(true, "echo"), skynet.uniqueservice(true, "echo"), "global unique")
	end)

	T.run("queryservice waits for a unique service started later", function()
		local got
		skynet.fork(function() got = skynet.queryservice("late_unique") end)
		skynet.yield()
		T.eq(got, nil, "still waiting")
		local h = skynet.uniqueservice("late_unique")
		skynet.sleep(1)
		T.eq(got, h, "woken with the handle")
	end)

	T.run("newservice passes arguments", function()
		local s = skynet.newservice("args_echo", "a", "b", "3")
		local a, b, c = skynet.call(s, "lua", "args")
		T.eq(a, "a", "arg1")
		T.eq(b, "b", "arg2")
		T.eq(c, "3", "arg3 is a string")
	end)

	T.run("launch without the launcher", function()
		local h = skynet.launch("snlua", "echo")
		T.eq(type(h), "number", "handle")
		-- as in skynet, its dispatch exists only once its start function ran
		skynet.sleep(1)
		T.eq(skynet.call(h, "lua", "ping", 1), 1, "answers")
		T.eq(skynet.launch("no_such_module"), nil, "unknown module")
	end)

	T.run("getenv and setenv", function()
		T.eq(skynet.getenv("harbor"), "0", "harbor from config")
		T.eq(skynet.getenv("nope"), nil, "unset")
		skynet.setenv("api_names_key", 42)
		T.eq(skynet.getenv("api_names_key"), "42", "set")
		T.fails(function() skynet.setenv("api_names_key", 1) end, "exist key", "overwrite refused")
	end)

	T.run("harbor of a handle", function()
		T.eq(skynet.harbor(skynet.self()), 0, "harbor 0 node")
	end)

	T.run("skynet.error joins its arguments with spaces", function()
		skynet.error("joined", 1, nil, true)
	end)

	T.done()
end)
