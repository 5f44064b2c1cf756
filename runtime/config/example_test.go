package config_test

import (
	"fmt"
	"path/filepath"

	"github.com/skyconsole/skyconsole/runtime/config"
)

func Example() {
	env := map[string]string{"LOG_NAME": "node1"}
	lookup := func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
	cfg, err := config.Load("testdata/example/config", lookup)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range cfg.Keys() {
		v, _ := cfg.Get(k)
		fmt.Printf("%s = %q\n", k, v)
	}
	fmt.Println("threads:", cfg.Thread(), "harbor:", cfg.Harbor(), "ignored:", cfg.Ignored())

	// Search paths are relative to the config's folder, wherever the node
	// was started from.
	rel := func(p string) string { r, _ := filepath.Rel(cfg.Dir(), p); return filepath.ToSlash(r) }
	for _, t := range cfg.LuaService() {
		fmt.Println("service template:", rel(t))
	}
	if path, _, err := config.FindService(cfg.LuaService(), cfg.Start()); err == nil {
		fmt.Println("start service:", rel(path))
	}
	if log, ok := cfg.LogFile(); ok {
		fmt.Println("log file:", rel(log))
	}
	// Output:
	// root = "./"
	// luaservice = "./service/?.lua;./examples/?.lua"
	// lua_path = "./lualib/?.lua;./lualib/?/init.lua"
	// thread = "4"
	// harbor = "0"
	// start = "main"
	// logger = "node1.log"
	// debug = "true"
	// cpath = "./cservice/?.so"
	// threads: 4 harbor: 0 ignored: [cpath]
	// service template: service/?.lua
	// service template: examples/?.lua
	// start service: service/main.lua
	// log file: node1.log
}
