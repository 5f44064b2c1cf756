//go:build !linux

package socket

import "net"

// pollerState is empty where there is no epoll: every connection gets a
// reader goroutine.
type pollerState struct{}

func (ps *pollerState) stop() {}

type poller struct{}

func (p *poller) addWrite(*sock) {}

// beginReadLocked starts the connection's reader goroutine.
func (s *sock) beginReadLocked(conn net.Conn) {
	s.reading = true
	s.spawnLocked(func() { s.readLoop(conn) })
}

func (s *sock) unpollLocked()    {}
func (s *sock) pollPauseLocked() {}
