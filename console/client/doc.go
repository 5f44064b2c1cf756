// Package client is the client side of a skynet gate conversation, the Go
// counterpart of skynet's examples/client.lua: it connects to a gate,
// frames sproto requests, and turns everything the server sends back into
// printable events. skyconsole's `client` subcommand is a thin prompt
// around it.
//
// # Conversation
//
// A Conn holds two schemas (Protocol): C2S describes the requests the
// client sends, S2C the requests the server pushes. As in client.lua, the
// receiving host is built from S2C and requests are encoded against C2S;
// every request carries a session, counting up from 1, so responses can
// be matched to the protocol that asked for them. Each frame that arrives
// becomes one Event, a response, a server push or a frame that does not
// decode, and is written as one line to the output and handed to an
// optional handler, in arrival order, from the connection's reader
// goroutine.
//
// # Commands
//
// Parse turns a console line into a Command: a c2s protocol name followed
// by one value per request field in tag order, `raw HEX`, `help` or
// `exit`. Conn.Exec parses and carries out a line in one step.
//
// # Framing
//
// The gate reads a 2-byte big-endian length followed by that many bytes
// (see runtime/netpack). In FramingS2 (the default) each outgoing message
// is exactly that frame. FramingLine writes the same frame followed by one
// '\n' byte, for servers that read each message with a line reader (a
// luasocket-style `*l` read). Incoming data is read the same way in both
// modes: a stream of 2-byte length frames with nothing between them, which
// is what a skynet gate writes. A peer that also puts a newline after its
// frames is therefore misread (the newline becomes a length byte) and its
// frames show up as invalid.
package client
