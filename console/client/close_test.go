package client

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

func TestServerCloses(t *testing.T) {
	t.Parallel()
	t.Run("between frames", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{})
		s := dial(t, g.addr())
		_ = g.conn().Close()
		r, err := s.closed()
		if r != ServerClosed || err != nil {
			t.Fatalf("closed: %v, %v", r, err)
		}
		if _, err := s.Exec("get x"); !errors.Is(err, ErrNotConnected) {
			t.Fatalf("request after close: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if r, _ := s.Closed(); r != ServerClosed {
			t.Fatalf("Close changed the reason to %v", r)
		}
	})
	t.Run("inside a frame", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{})
		s := dial(t, g.addr())
		c := g.conn()
		_, _ = c.Write([]byte{0, 5, 'a'})
		_ = c.Close()
		r, err := s.closed()
		if r != ServerClosed || !errors.Is(err, ErrPartialFrame) || !strings.Contains(err.Error(), "3 bytes dropped") {
			t.Fatalf("closed: %v, %v", r, err)
		}
	})
	t.Run("by the client", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{})
		s := dial(t, g.addr())
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if r, err := s.Closed(); r != ClientClosed || err != nil {
			t.Fatalf("closed: %v, %v", r, err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})
}

func TestConnectRefused(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	_, err = Dial(context.Background(), addr)
	if !errors.Is(err, ErrConnect) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("Dial to a closed port: %v", err)
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	t.Run("answered", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{})
		s := dial(t, g.addr())
		s.exec("handshake")
		s.exec("set a b")
		s.exec("get a")
		if err := s.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := s.Outstanding(); n != 0 {
			t.Fatalf("%d outstanding", n)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{silentGet: true})
		s := dial(t, g.addr())
		s.exec("handshake")
		s.exec("get a")
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		err := s.Wait(ctx)
		if !errors.Is(err, ErrUnanswered) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Wait: %v", err)
		}
		if n := s.Outstanding(); n != 1 {
			t.Fatalf("%d outstanding, want the get", n)
		}
	})
	t.Run("connection lost", func(t *testing.T) {
		t.Parallel()
		g := startGate(t, gateConfig{silentGet: true})
		s := dial(t, g.addr())
		s.exec("get a")
		s.exec("quit")
		err := s.Wait(context.Background())
		if !errors.Is(err, ErrUnanswered) || !strings.Contains(err.Error(), "closed by server") {
			t.Fatalf("Wait: %v", err)
		}
	})
}
