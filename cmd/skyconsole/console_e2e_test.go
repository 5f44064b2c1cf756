package main

import "testing"

// The example node's console service reads the terminal as skynet's does:
// each line typed launches a service (with arguments), a bad name is
// reported and the console keeps going, and the end of input is logged.
func TestConsoleLaunchesServicesFromStdin(t *testing.T) {
	bin := buildBinary(t)
	cfg, _ := exampleConfig(t)
	node := startProc(t, true, bin, "run", cfg)
	node.waitFor("Watchdog listen on")

	if _, err := node.stdin.Write([]byte("hello_echo one two\r\n")); err != nil {
		t.Fatal(err)
	}
	node.waitFor("console: launched hello_echo one two as :")

	if _, err := node.stdin.Write([]byte("no_such_service\n\n")); err != nil {
		t.Fatal(err)
	}
	node.waitFor("console: cannot launch no_such_service")

	node.stdin.Close()
	node.waitFor("console: stdin closed")
}
