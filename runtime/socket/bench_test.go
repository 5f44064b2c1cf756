package socket_test

import (
	"context"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// benchEcho starts accepted connections and echoes their data.
type benchEcho struct{ srv *socket.Server }

func (g *benchEcho) Init(c *runtime.Context, args string) error { return nil }
func (g *benchEcho) Release(c *runtime.Context)                 {}

func (g *benchEcho) Dispatch(c *runtime.Context, m *runtime.Message) error {
	sub, id, ud, _ := runtime.SocketHeader(m.Data)
	switch sub {
	case runtime.SockAccept:
		return g.srv.Start(c.Handle(), int(ud))
	case runtime.SockData:
		return g.srv.Write(int(id), m.Data[runtime.SocketHeaderSize:])
	}
	return nil
}

// BenchmarkEcho measures round trips of a 64-byte payload through one echo
// service, each connection keeping one payload in flight (the closed loop
// of the baseline's gate echo, without the length framing).
func BenchmarkEcho(b *testing.B) {
	for _, tc := range transports {
		for _, conns := range []int{1, 16} {
			b.Run(tc.name+"/conns="+strconv.Itoa(conns), func(b *testing.B) {
				tr, addr := tc.make()
				benchEchoRun(b, tr, addr, conns)
			})
		}
	}
}

func benchEchoRun(b *testing.B, tr socket.Transport, any string, conns int) {
	node := runtime.New(runtime.WithThreads(2), runtime.WithLog(io.Discard))
	if err := node.Start(); err != nil {
		b.Fatal(err)
	}
	defer node.Stop()
	srv := socket.New(node, socket.WithTransport(tr))
	defer srv.Stop()
	node.RegisterModule("echo", func() runtime.Service { return &benchEcho{srv: srv} })
	h, _ := node.Launch("echo", "")
	lid, err := srv.Listen(h, any, 0)
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start(h, lid); err != nil {
		b.Fatal(err)
	}
	var addr string
	for _, st := range srv.Info() {
		if st.ID == lid {
			addr = st.Local
		}
	}
	clients := make([]net.Conn, conns)
	for i := range clients {
		c, err := tr.Dial(context.Background(), addr)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		clients[i] = c
	}
	payload := make([]byte, 64)
	b.SetBytes(int64(len(payload)))
	b.ResetTimer()
	var wg sync.WaitGroup
	for i, c := range clients {
		n := b.N / conns
		if i < b.N%conns {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, len(payload))
			for range n {
				if _, err := c.Write(payload); err != nil {
					b.Error(err)
					return
				}
				if _, err := io.ReadFull(c, buf); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
}
