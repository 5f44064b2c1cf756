package main

import (
	"github.com/skyconsole/skyconsole/runtime/config"
)

// runDefault runs the embedded example node (gate on 127.0.0.1:8888) with
// a readable trace on stdout; it is what `go run ./cmd/skyconsole` does
// until the console exists. Connect with `skyconsole client`.
func runDefault(_ []string) int {
	cfg := config.Embedded("main", 1)
	return runNode(cfg, "text", 0, true)
}
