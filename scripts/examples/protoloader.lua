-- protoloader: parses the example protocols once and stores them in the
-- process-wide sproto slots 1 (c2s) and 2 (s2c) that agents load from.
local skynet = require "skynet"
local sprotoloader = require "sprotoloader"
local proto = require "proto"

skynet.start(function()
	sprotoloader.save(proto.c2s, 1)
	sprotoloader.save(proto.s2c, 2)
	-- stays alive, as in skynet, so the slots are never released
end)
