package socket

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// UDP sockets, as skynet's socket.udp: one socket both receives and sends
// datagrams. Each datagram received reaches the owner as a UDP event whose
// ud is the data size and whose payload is the data followed by the
// sender's address in skynet's binary form (UDPAddress), which SendTo
// takes back.

// ErrNoDatagrams: the transport has no UDP (the in-memory transport).
var ErrNoDatagrams = errors.New("socket: the transport has no UDP")

// ErrNoPeer: Write on a UDP socket that was never given a peer with
// UDPConnect.
var ErrNoPeer = errors.New("socket: UDP socket has no peer (use UDPConnect or SendTo)")

// ErrBadUDPAddress: a SendTo address that is not skynet's binary form.
var ErrBadUDPAddress = errors.New("socket: invalid UDP address")

// PacketTransport is implemented by transports that carry datagrams.
type PacketTransport interface {
	ListenPacket(ctx context.Context, addr string) (net.PacketConn, error)
}

// ListenPacket binds a UDP socket.
func (TCP) ListenPacket(ctx context.Context, addr string) (net.PacketConn, error) {
	var lc net.ListenConfig
	return lc.ListenPacket(ctx, "udp", addr)
}

// maxDatagram is the largest UDP payload.
const maxDatagram = 65535

// UDP binds a UDP socket at addr ("" or a bare port: 127.0.0.1) and starts
// reading it at once, as skynet does; owner receives a UDP event per
// datagram.
func (srv *Server) UDP(owner runtime.Handle, addr string) (int, error) {
	if owner == 0 {
		return 0, fmt.Errorf("udp %s: %w", addr, ErrNoOwner)
	}
	pt, ok := srv.opts.transport.(PacketTransport)
	if !ok {
		return 0, fmt.Errorf("udp %s: %w", addr, ErrNoDatagrams)
	}
	if addr == "" {
		addr = defaultHost + ":0"
	}
	addr = withHost(addr)
	pc, err := pt.ListenPacket(srv.ctx, addr)
	if err != nil {
		return 0, fmt.Errorf("udp %s: %w", addr, err)
	}
	s := newSock(srv, KindUDP, stateConnected, owner)
	s.pc = pc
	s.local = pc.LocalAddr().String()
	id, err := srv.table.add(s)
	if err != nil {
		_ = pc.Close()
		return 0, fmt.Errorf("udp %s: %w", addr, err)
	}
	s.mu.Lock()
	if s.state != stateClosed {
		s.reading = true
		s.spawnLocked(func() { s.udpLoop(pc) })
	}
	s.mu.Unlock()
	return int(id), nil
}

// UDPConnect sets the peer that Write sends to (skynet's udp_connect).
// Datagrams from other senders still arrive.
func (srv *Server) UDPConnect(id int, addr string) error {
	s, err := srv.lookup("udp connect", id)
	if err != nil {
		return err
	}
	if s.kind != KindUDP {
		return fmt.Errorf("udp connect socket %d: %w", id, ErrNotStream)
	}
	ua, err := net.ResolveUDPAddr("udp", withHost(addr))
	if err != nil {
		return fmt.Errorf("udp connect socket %d: %w", id, err)
	}
	s.mu.Lock()
	s.udpPeer = ua
	s.peer = ua.String()
	s.mu.Unlock()
	return nil
}

// SendTo sends one datagram to address, in the binary form a UDP event
// carries (UDPAddress builds one).
func (srv *Server) SendTo(id int, address []byte, data []byte) error {
	s, err := srv.lookup("sendto", id)
	if err != nil {
		return err
	}
	to, err := ParseUDPAddress(address)
	if err != nil {
		return fmt.Errorf("sendto socket %d: %w", id, err)
	}
	return s.sendDatagram(to, data)
}

// sendDatagram writes one datagram now. The descriptor is non-blocking and
// a datagram the kernel cannot take is dropped by it, as UDP may; the
// deadline makes sure the caller is never held.
func (s *sock) sendDatagram(to net.Addr, data []byte) error {
	s.mu.Lock()
	if s.kind != KindUDP {
		s.mu.Unlock()
		return fmt.Errorf("sendto socket %d: %w", s.id, ErrNotStream)
	}
	if s.state == stateClosed {
		s.mu.Unlock()
		return fmt.Errorf("sendto socket %d: %w", s.id, ErrClosing)
	}
	if to == nil {
		to = s.udpPeer
	}
	pc := s.pc
	s.mu.Unlock()
	if to == nil {
		return fmt.Errorf("write to socket %d: %w", s.id, ErrNoPeer)
	}
	if len(data) > maxDatagram {
		return fmt.Errorf("sendto socket %d: %d bytes is more than one datagram holds", s.id, len(data))
	}
	_ = pc.SetWriteDeadline(time.Now().Add(time.Second))
	n, err := pc.WriteTo(data, to)
	if err != nil {
		return fmt.Errorf("sendto socket %d: %w", s.id, err)
	}
	s.mu.Lock()
	s.wbytes += uint64(n)
	s.wtime = time.Now()
	s.mu.Unlock()
	return nil
}

// udpLoop turns received datagrams into UDP events.
func (s *sock) udpLoop(pc net.PacketConn) {
	buf := make([]byte, maxDatagram)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			if s.stopped() {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			s.finish(reasonFor(err), err)
			return
		}
		ua, _ := from.(*net.UDPAddr)
		msg := make([]byte, 0, runtime.SocketHeaderSize+n+udpAddrMax)
		msg = runtime.AppendSocketHeader(msg, runtime.SockUDP, s.id, int32(n))
		msg = append(msg, buf[:n]...)
		msg = AppendUDPAddress(msg, ua)
		s.mu.Lock()
		if s.state == stateClosed {
			s.mu.Unlock()
			return
		}
		s.rbytes += uint64(n)
		s.rtime = time.Now()
		err = s.sendLocked(msg)
		s.mu.Unlock()
		if err != nil {
			s.finish(CloseOwnerGone, err)
			return
		}
		if !s.waitResumed() {
			return
		}
	}
}

// udpAddrMax is the longest binary address (IPv6).
const udpAddrMax = 19

// AppendUDPAddress appends skynet's binary form of a UDP address: one byte
// 1 (IPv4) or 2 (IPv6), the port big-endian, then the 4 or 16 address
// bytes. Lua code treats it as an opaque string.
func AppendUDPAddress(b []byte, a *net.UDPAddr) []byte {
	if a == nil {
		return b
	}
	port := uint16(a.Port)
	if ip4 := a.IP.To4(); ip4 != nil {
		b = append(b, 1, byte(port>>8), byte(port))
		return append(b, ip4...)
	}
	b = append(b, 2, byte(port>>8), byte(port))
	return append(b, a.IP.To16()...)
}

// ParseUDPAddress reads the binary form back.
func ParseUDPAddress(b []byte) (*net.UDPAddr, error) {
	switch {
	case len(b) == 7 && b[0] == 1:
		return &net.UDPAddr{IP: net.IP(append([]byte(nil), b[3:7]...)), Port: int(b[1])<<8 | int(b[2])}, nil
	case len(b) == 19 && b[0] == 2:
		return &net.UDPAddr{IP: net.IP(append([]byte(nil), b[3:19]...)), Port: int(b[1])<<8 | int(b[2])}, nil
	}
	return nil, fmt.Errorf("%w (%d bytes)", ErrBadUDPAddress, len(b))
}
