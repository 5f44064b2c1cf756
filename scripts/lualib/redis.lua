-- redis: the name older skynet code requires; skynet later moved the
-- driver to skynet.db.redis. Both names give the same module here.
return require "skynet.db.redis"
