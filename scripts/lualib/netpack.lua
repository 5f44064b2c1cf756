-- netpack: the name older skynet code (skynet's own examples/watchdog.lua
-- among it) requires; skynet later renamed the C module skynet.netpack.
-- Both names give the same Go module here.
return require "skynet.netpack"
