package main

import (
	"github.com/skyconsole/skyconsole/runtime/config"
)

// runDefault runs the embedded example node with its trace on stdout; it
// is what `go run ./cmd/skyconsole` does until the console exists.
func runDefault(_ []string) int {
	cfg := config.Embedded("hello", 1)
	return runNode(cfg, "-", 0, true)
}
