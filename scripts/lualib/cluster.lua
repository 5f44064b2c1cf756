-- cluster: the name older skynet code requires; skynet later moved the
-- module to skynet.cluster. Both names give the same module here.
return require "skynet.cluster"
