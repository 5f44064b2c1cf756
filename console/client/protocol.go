package client

import (
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// ExampleC2S is the client-to-server schema of skynet's examples pipeline
// (gate, watchdog, agent), the protocol this package speaks by default.
const ExampleC2S = `
.package {
	type 0 : integer
	session 1 : integer
}

handshake 1 {
	response {
		msg 0 : string
	}
}

get 2 {
	request {
		what 0 : string
	}
	response {
		result 0 : string
	}
}

set 3 {
	request {
		what 0 : string
		value 1 : string
	}
}

quit 4 {}
`

// ExampleS2C is the server-to-client schema of the same examples: the
// agent pushes a heartbeat every five seconds.
const ExampleS2C = `
.package {
	type 0 : integer
	session 1 : integer
}

heartbeat 1 {}
`

// Protocol is the pair of schemas of one conversation. Both must declare
// the `.package` header type.
type Protocol struct {
	C2S *sproto.Schema // requests the client sends
	S2C *sproto.Schema // requests the server pushes
}

// ParseProtocol compiles the two schema texts.
func ParseProtocol(c2s, s2c string) (Protocol, error) {
	var p Protocol
	var err error
	if p.C2S, err = sproto.Parse(c2s); err != nil {
		return Protocol{}, fmt.Errorf("c2s: %w", err)
	}
	if p.S2C, err = sproto.Parse(s2c); err != nil {
		return Protocol{}, fmt.Errorf("s2c: %w", err)
	}
	return p, nil
}

// ExampleProtocol returns ExampleC2S and ExampleS2C compiled.
func ExampleProtocol() (Protocol, error) {
	return ParseProtocol(ExampleC2S, ExampleS2C)
}

// answers reports whether a request of p gets a reply frame: a response
// type, or `response nil`. Other protocols are one-way even when sent
// with a session.
func answers(p *sproto.Protocol) bool {
	return p.Response != nil || p.Confirm
}
