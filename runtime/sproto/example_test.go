package sproto_test

import (
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

func Example() {
	schema, err := sproto.Parse(`
.package {
	type 0 : integer
	session 1 : integer
}

get 2 {
	request { what 0 : string }
	response { result 0 : string }
}
`)
	if err != nil {
		panic(err)
	}

	// A plain message: encode, 0-pack, and back.
	body, _ := schema.Encode("get.request", map[string]any{"what": "hello"})
	packed := sproto.Pack(body)
	fmt.Printf("encoded % x\npacked  % x\n", body, packed)

	// RPC: the client sends "get" with session 1; the server dispatches
	// it and answers through the responder.
	client, _ := sproto.NewHost(schema, "")
	server, _ := sproto.NewHost(schema, "")
	req, _ := client.Attach(schema)("get", map[string]any{"what": "hello"}, sproto.WithSession(1), nil)
	d, _ := server.Dispatch(req)
	fmt.Println(d.Kind, d.Name, d.Args["what"], d.Session.ID)

	resp, _ := d.Responder(map[string]any{"result": "world"}, nil)
	r, _ := client.Dispatch(resp)
	fmt.Println(r.Kind, r.Session.ID, r.Args["result"])
	// Output:
	// encoded 01 00 00 00 05 00 00 00 68 65 6c 6c 6f
	// packed  11 01 05 1f 68 65 6c 6c 6f
	// REQUEST get hello 1
	// RESPONSE 1 world
}
