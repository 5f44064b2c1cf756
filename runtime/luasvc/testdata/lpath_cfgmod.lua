-- lpath_cfgmod: a module on the configured lua_path (testdata/?.lua).
return { value = "lua_path" }
