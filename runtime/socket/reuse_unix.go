//go:build unix

package socket

import "syscall"

// reuseAddr sets SO_REUSEADDR before bind. Go already does this for
// listeners on Unix; saying it here keeps the guarantee if that default
// ever changes, since the gate's quick restart depends on it.
func reuseAddr(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
