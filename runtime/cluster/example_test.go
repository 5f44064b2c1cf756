package cluster_test

import (
	"bytes"
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

// A call crosses the wire: the caller packs it, the listener's assembler
// rebuilds it from frame bodies, and the answer travels back the same way.
// The 40 KiB payload stands in for a skynet.pack result; it takes a header
// and two parts going out, but a 5-byte answer is a single frame.
func Example() {
	session := uint32(1)
	payload := bytes.Repeat([]byte{'x'}, 40<<10)
	frames, next, err := cluster.PackRequest(cluster.NameAddr("@echo"), session, payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("request frames:", len(frames), "next session:", next)

	// Listener side: the gate strips each frame's 2-byte length.
	var agent cluster.RequestAssembler
	for _, fr := range frames {
		r, err := cluster.UnpackRequest(fr[2:])
		if err != nil {
			fmt.Println("close connection:", err)
			return
		}
		call, done, err := agent.Add(r)
		if err != nil {
			// One message is lost: answer its session, as skynet does,
			// and keep the connection.
			answer, _ := cluster.PackResponse(r.Session, false, []byte(cluster.InvalidLargeReq))
			fmt.Println("broken request, answered with", len(answer), "frame")
			continue
		}
		if done {
			fmt.Printf("call to %s, session %d, %d bytes\n", call.Addr, call.Session, len(call.Payload))
		}
	}

	// Caller side again.
	answer, _ := cluster.PackResponse(session, true, []byte("\x1cpong"))
	var sender cluster.ResponseAssembler
	for _, fr := range answer {
		r, err := cluster.UnpackResponse(fr[2:])
		if err != nil {
			fmt.Println("close connection:", err)
			return
		}
		if reply, done, _ := sender.Add(r); done {
			fmt.Printf("reply to session %d: ok=%v %q\n", reply.Session, reply.OK, reply.Data)
		}
	}
	// Output:
	// request frames: 3 next session: 2
	// call to @echo, session 1, 40960 bytes
	// reply to session 1: ok=true "\x1cpong"
}
