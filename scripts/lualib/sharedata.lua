-- sharedata: the name older skynet code requires; skynet later moved the module
-- to skynet.sharedata. Both names give the same module here.
return require "skynet.sharedata"
