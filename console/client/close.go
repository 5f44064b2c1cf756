package client

import "fmt"

// CloseReason tells why a Conn stopped.
type CloseReason uint8

const (
	// NotClosed: the connection is up.
	NotClosed CloseReason = iota
	// ClientClosed: Close was called.
	ClientClosed
	// ServerClosed: the server closed or reset the connection.
	ServerClosed
	// ReadFailed: reading failed for another reason.
	ReadFailed
)

// String describes the reason in the words the console prints.
func (r CloseReason) String() string {
	switch r {
	case NotClosed:
		return "open"
	case ClientClosed:
		return "closed by client"
	case ServerClosed:
		return "closed by server"
	case ReadFailed:
		return "read failed"
	}
	return fmt.Sprintf("CloseReason(%d)", uint8(r))
}
