// Command skyconsole runs skynet-style Lua services in an in-process actor
// runtime and shows their message flow.
//
//	skyconsole                 run the default example node, printing its trace
//	skyconsole run CONFIG      run a node from a skynet config file
//	skyconsole run main.lua    run a single Lua file as the start service
//	skyconsole client          a sproto client for the example gate
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

func dispatch(args []string) int {
	if len(args) == 0 {
		return runDefault(nil)
	}
	switch args[0] {
	case "run":
		return runCmd(args[1:])
	case "client":
		return clientCmd(args[1:])
	case "export":
		return exportCmd(args[1:])
	case "help", "-h", "--help":
		usage()
		return 0
	}
	// Like skynet itself, accept a config file as the only argument, so
	// tools written for skynet (run_bench.py) can start skyconsole.
	if st, err := os.Stat(args[0]); err == nil && st.Mode().IsRegular() {
		return runCmd(args)
	}
	fmt.Fprintf(os.Stderr, "skyconsole: unknown command %q\n", args[0])
	usage()
	return 2
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  skyconsole                          run the default example node and print its trace
  skyconsole run [flags] CONFIG       run a node from a skynet-style config file
  skyconsole run [flags] FILE.lua     run one Lua file as the start service
  skyconsole CONFIG                   same as run CONFIG (skynet's command line)
  skyconsole client [HOST:PORT]       talk sproto to a gate (default 127.0.0.1:8888)
  skyconsole export [flags] TRACE     a --trace file as a Mermaid diagram, a Chrome/Perfetto
                                      trace or text (see skyconsole export -h)
flags for run:
  --trace FILE.jsonl   write every dispatch as a JSON line ("-" for stdout)
  --thread N           worker threads (overrides the config's thread)
  --capture            keep the first bytes of each message in the trace
  --cpuprofile FILE    write a Go CPU profile
  --gotrace FILE       write a Go execution trace (go tool trace)
flags for client: see skyconsole client -h
`)
}
