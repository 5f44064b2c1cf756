-- api_aliases: the module names older skynet code requires.
local skynet = require "skynet"
local T = require "t"

skynet.start(function()
	T.run("old names give the same modules", function()
		for old, new in pairs({
			socket = "skynet.socket",
			sharedata = "skynet.sharedata",
			socketchannel = "skynet.socketchannel",
			cluster = "skynet.cluster",
			redis = "skynet.db.redis",
			netpack = "skynet.netpack",
		}) do
			T.eq(require(old), require(new), old)
		end
	end)
	T.done()
end)
