-- socketchannel: the name older skynet code requires; skynet later moved the module
-- to skynet.socketchannel. Both names give the same module here.
return require "skynet.socketchannel"
