package netpack_test

import (
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/netpack"
)

// A gate feeds each socket read to the Filter and handles the event the
// way skynet's gate handles netpack.filter: one frame directly on "data",
// a drained queue on "more".
func Example() {
	hello, _ := netpack.Pack([]byte("hello"))
	world, _ := netpack.Pack([]byte("world"))
	stream := append(hello, world...)

	f := netpack.NewFilter()
	// The peer's bytes arrive in arbitrary pieces: here the first read
	// ends inside hello's body, the second carries the rest of both frames.
	for _, read := range [][]byte{stream[:4], stream[4:]} {
		ev, frame, err := f.Data(1, read)
		if err != nil {
			fmt.Println("close connection:", err)
			return
		}
		fmt.Println(ev)
		switch ev {
		case netpack.EventData:
			fmt.Printf("  conn 1: %s\n", frame)
		case netpack.EventMore:
			for fr, ok := f.Pop(); ok; fr, ok = f.Pop() {
				fmt.Printf("  conn %d: %s\n", fr.Conn, fr.Data)
			}
		}
	}
	// Output:
	// none
	// more
	//   conn 1: hello
	//   conn 1: world
}
