package socket_test

import (
	"context"
	"fmt"
	"io"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// echoGate is a minimal gate: it starts every accepted connection and
// writes back what it reads. It reports each event on a channel.
type echoGate struct {
	srv    *socket.Server
	events chan<- string
}

func (g *echoGate) Init(c *runtime.Context, args string) error { return nil }
func (g *echoGate) Release(c *runtime.Context)                 {}

func (g *echoGate) Dispatch(c *runtime.Context, m *runtime.Message) error {
	sub, id, ud, _ := runtime.SocketHeader(m.Data)
	payload := m.Data[runtime.SocketHeaderSize:]
	switch sub {
	case runtime.SockConnect:
		g.events <- fmt.Sprintf("CONNECT %d ud=%d %q", id, ud, payload)
	case runtime.SockAccept:
		g.events <- fmt.Sprintf("ACCEPT  %d new=%d from %s", id, ud, payload)
		return g.srv.Start(c.Handle(), int(ud))
	case runtime.SockData:
		g.events <- fmt.Sprintf("DATA    %d %q", id, payload)
		return g.srv.Write(int(id), payload) // bodies are read-only; Write only reads it
	case runtime.SockClose:
		g.events <- fmt.Sprintf("CLOSE   %d", id)
	}
	return nil
}

// A service owns a listener and the connections it accepts; everything the
// sockets do reaches it as PTYPE_SOCKET messages. The in-memory transport
// makes the run deterministic.
func Example() {
	node := runtime.New(runtime.WithThreads(1), runtime.WithLog(io.Discard))
	if err := node.Start(); err != nil {
		panic(err)
	}
	defer node.Stop()
	mem := socket.NewMemTransport()
	srv := socket.New(node, socket.WithTransport(mem))
	defer srv.Stop()

	events := make(chan string, 16)
	node.RegisterModule("gate", func() runtime.Service { return &echoGate{srv: srv, events: events} })
	gate, _ := node.Launch("gate", "")
	lid, _ := srv.Listen(gate, "mem:8888", 0) // CONNECT: ud = port, payload = host
	_ = srv.Start(gate, lid)                  // CONNECT "start": now accepting

	client, _ := mem.Dial(context.Background(), "mem:8888")
	client.Write([]byte("hello"))
	reply := make([]byte, 5)
	io.ReadFull(client, reply)
	client.Close()

	for range 6 {
		fmt.Println(<-events)
	}
	fmt.Printf("client got %q\n", reply)
	// Output:
	// CONNECT 1 ud=8888 "mem"
	// CONNECT 1 ud=0 "start"
	// ACCEPT  1 new=2 from mem:49152
	// CONNECT 2 ud=0 "start"
	// DATA    2 "hello"
	// CLOSE   2
	// client got "hello"
}
