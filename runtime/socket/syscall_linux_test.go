//go:build linux

package socket_test

import (
	"net"
	"syscall"
	"testing"
)

// BenchmarkLoopbackSyscalls measures the floor under every echoed frame on
// this machine: a 66-byte write into a loopback TCP socket and the read
// that takes it on the other side, and the read that finds nothing, which
// the poller avoids (docs/benchmarks.md quotes them).
func BenchmarkLoopbackSyscalls(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	s, err := ln.Accept()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cfd, sfd := rawFD(b, c), rawFD(b, s)
	frame := make([]byte, 66)
	buf := make([]byte, 64<<10)
	b.Run("write+read", func(b *testing.B) {
		for b.Loop() {
			if _, err := syscall.Write(cfd, frame); err != nil {
				b.Fatal(err)
			}
			if _, err := syscall.Read(sfd, buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read-eagain", func(b *testing.B) {
		for b.Loop() {
			if _, err := syscall.Read(sfd, buf); err != syscall.EAGAIN {
				b.Fatalf("read on an empty socket: %v", err)
			}
		}
	})
}

func rawFD(b *testing.B, c net.Conn) int {
	raw, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		b.Fatal(err)
	}
	fd := -1
	if err := raw.Control(func(f uintptr) { fd = int(f) }); err != nil {
		b.Fatal(err)
	}
	return fd
}
