package client_test

import (
	"fmt"

	"github.com/skyconsole/skyconsole/console/client"
)

// A console line names a c2s protocol and gives its request fields in tag
// order; quoting keeps blanks inside a value.
func ExampleParse() {
	p, err := client.ExampleProtocol()
	if err != nil {
		panic(err)
	}
	cmd, _ := client.Parse(`set greeting "hello world"`, p.C2S)
	fmt.Println(cmd.Op, cmd.Name, cmd.Args["what"], "=", cmd.Args["value"])

	cmd, _ = client.Parse("raw 15020404", p.C2S)
	fmt.Printf("%v % x\n", cmd.Op, cmd.Raw)

	_, err = client.Parse("get", p.C2S)
	fmt.Println(err)
	// Output:
	// request set greeting = hello world
	// raw 15 02 04 04
	// client: wrong number of values: get takes 1 (what:string), got 0
}

func ExampleHelp() {
	p, _ := client.ExampleProtocol()
	fmt.Print(client.Help(p.C2S))
	// Output:
	// commands:
	//   PROTOCOL VALUE...  send a c2s request; the values fill its request fields in tag order
	//   raw HEX            send the bytes as one frame payload, unchanged (e.g. raw 15020404)
	//   help               show this text
	//   exit               wait briefly for pending responses, then close and leave
	// values: "double quotes" take Go escapes, 'single quotes' are literal, arrays are a,b,c
	// c2s protocols:
	//   handshake
	//   get what:string
	//   set what:string value:string   (no response defined)
	//   quit   (no response defined)
}
