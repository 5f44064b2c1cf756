-- broken_syntax: fails to compile on purpose.
local skynet = require "skynet"
skynet.start(function(
