package socket

import (
	"context"
	"net"
	"strconv"
)

// Transport opens the OS side of sockets. The Server only listens and
// dials through it; everything else goes through net.Listener and
// net.Conn, so a transport is all a test needs to replace.
type Transport interface {
	// Listen binds addr. backlog is a hint; transports may ignore it.
	Listen(ctx context.Context, addr string, backlog int) (net.Listener, error)
	// Dial connects to addr; cancelling ctx abandons the attempt.
	Dial(ctx context.Context, addr string) (net.Conn, error)
}

// TCP is the default transport: real TCP sockets. Listeners set
// SO_REUSEADDR, so a restarted gate binds its port again at once even with
// connections of its previous life in TIME_WAIT. Go cannot choose the
// accept backlog (it uses the system maximum), so backlog is ignored.
type TCP struct{}

var _ Transport = TCP{}

// Listen binds a TCP listener.
func (TCP) Listen(ctx context.Context, addr string, backlog int) (net.Listener, error) {
	lc := net.ListenConfig{Control: reuseAddr}
	return lc.Listen(ctx, "tcp", addr)
}

// Dial connects over TCP.
func (TCP) Dial(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", addr)
}

// defaultHost is used when an address names only a port, as skynet's gate
// does when given a bare port (we choose loopback, not every interface).
const defaultHost = "127.0.0.1"

// withHost turns "8888" and ":8888" into "127.0.0.1:8888" and leaves any
// address that names a host alone.
func withHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		if _, perr := strconv.Atoi(addr); perr == nil {
			return net.JoinHostPort(defaultHost, addr)
		}
		return addr
	}
	if host == "" {
		return net.JoinHostPort(defaultHost, port)
	}
	return addr
}

// splitAddr gives the host and numeric port of an address for CONNECT
// events (port 0 when there is none).
func splitAddr(addr string) (string, int) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr, 0
	}
	p, _ := strconv.Atoi(port)
	return host, p
}
