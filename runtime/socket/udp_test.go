package socket_test

import (
	"errors"
	"net"
	"strconv"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// Two UDP sockets talk: a datagram arrives as a UDP event whose ud is its
// size and whose payload ends with the sender's address; SendTo with that
// address answers; after UDPConnect, Write needs no address.
func TestUDPRoundTrip(t *testing.T) {
	e := newEnv(t, socket.TCP{}, "127.0.0.1:0")
	a, err := e.srv.UDP(e.r.h, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.srv.UDP(e.r.h, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	bAddr := udpLocal(t, e.srv, b)
	if err := e.srv.Write(a, []byte("x")); !errors.Is(err, socket.ErrNoPeer) {
		t.Fatalf("write without a peer: %v", err)
	}
	if err := e.srv.UDPConnect(a, bAddr.String()); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.Write(a, []byte("ping")); err != nil {
		t.Fatal(err)
	}
	ev := e.r.expect(t, runtime.SockUDP, b)
	if ev.UD != 4 || ev.Payload[:4] != "ping" {
		t.Fatalf("UDP event ud %d payload %q", ev.UD, ev.Payload)
	}
	from, err := socket.ParseUDPAddress([]byte(ev.Payload[4:]))
	if err != nil {
		t.Fatal(err)
	}
	if aAddr := udpLocal(t, e.srv, a); from.Port != aAddr.Port || !from.IP.Equal(aAddr.IP) {
		t.Fatalf("sender address %v, want %v", from, aAddr)
	}
	if err := e.srv.SendTo(b, []byte(ev.Payload[4:]), []byte("pong!")); err != nil {
		t.Fatal(err)
	}
	back := e.r.expect(t, runtime.SockUDP, a)
	if back.UD != 5 || back.Payload[:5] != "pong!" {
		t.Fatalf("reply ud %d payload %q", back.UD, back.Payload)
	}
	if err := e.srv.SendTo(b, []byte{9, 9}, []byte("x")); !errors.Is(err, socket.ErrBadUDPAddress) {
		t.Fatalf("sendto a bad address: %v", err)
	}
	if st, ok := stat(e.srv, a); !ok || st.Kind != socket.KindUDP || st.WriteBytes != 4 {
		t.Fatalf("netstat of the UDP socket: %+v", st)
	}
	if err := e.srv.Close(a); err != nil {
		t.Fatal(err)
	}
	e.r.expect(t, runtime.SockClose, a)
}

func TestUDPAddressForm(t *testing.T) {
	a := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 0x1f90}
	b := socket.AppendUDPAddress(nil, a)
	if string(b) != "\x01\x1f\x90\x7f\x00\x00\x01" {
		t.Fatalf("IPv4 form % x", b)
	}
	v6 := &net.UDPAddr{IP: net.ParseIP("::1"), Port: 53}
	b6 := socket.AppendUDPAddress(nil, v6)
	if len(b6) != 19 || b6[0] != 2 {
		t.Fatalf("IPv6 form % x", b6)
	}
	for _, in := range [][]byte{b, b6} {
		got, err := socket.ParseUDPAddress(in)
		if err != nil {
			t.Fatal(err)
		}
		if back := socket.AppendUDPAddress(nil, got); string(back) != string(in) {
			t.Fatalf("round trip % x -> % x", in, back)
		}
	}
	for _, bad := range [][]byte{nil, {1, 0, 0}, {3, 0, 0, 0, 0, 0, 0}} {
		if _, err := socket.ParseUDPAddress(bad); !errors.Is(err, socket.ErrBadUDPAddress) {
			t.Fatalf("% x: %v", bad, err)
		}
	}
}

func TestUDPNeedsADatagramTransport(t *testing.T) {
	e := newEnv(t, socket.NewMemTransport(), "mem:0")
	if _, err := e.srv.UDP(e.r.h, ""); !errors.Is(err, socket.ErrNoDatagrams) {
		t.Fatalf("udp on the in-memory transport: %v", err)
	}
}

func udpLocal(t *testing.T, srv *socket.Server, id int) *net.UDPAddr {
	t.Helper()
	st, ok := stat(srv, id)
	if !ok {
		t.Fatalf("socket %d not listed", id)
	}
	host, port, err := net.SplitHostPort(st.Local)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	return &net.UDPAddr{IP: net.ParseIP(host), Port: p}
}
