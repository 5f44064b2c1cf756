//go:build !unix

package socket

import "syscall"

// reuseAddr does nothing off Unix: on Windows SO_REUSEADDR would let
// another process steal the port, and a closed port rebinds at once there.
func reuseAddr(network, address string, c syscall.RawConn) error { return nil }
