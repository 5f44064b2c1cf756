-- The cluster example's node list (the `cluster` key of config.c1 and
-- config.c2): node name = "host:port". Both nodes read it.
db = "127.0.0.1:2528"
db2 = "127.0.0.1:2529"
