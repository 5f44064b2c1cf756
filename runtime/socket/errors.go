package socket

import "errors"

// Sentinel errors; operations wrap them with the socket id using %w.
var (
	// ErrUnknownSocket: no live socket has this id (never opened, closed,
	// or abandoned).
	ErrUnknownSocket = errors.New("socket: unknown socket id")
	// ErrClosing: the socket is closing or closed; nothing more may be
	// written to or started on it.
	ErrClosing = errors.New("socket: socket is closing")
	// ErrNotStream: the operation needs a connection and the id is a
	// listener.
	ErrNotStream = errors.New("socket: not a connection")
	// ErrTooManySockets: the id table is full (WithMaxSockets).
	ErrTooManySockets = errors.New("socket: too many sockets")
	// ErrServerClosed: Close was called on the Server.
	ErrServerClosed = errors.New("socket: server closed")
	// ErrWriteLimit: a write took the buffered bytes over the hard limit;
	// the connection was closed with CloseWriteLimit.
	ErrWriteLimit = errors.New("socket: write buffer over the hard limit")
	// ErrNoOwner: the owner handle is 0, which is not a service.
	ErrNoOwner = errors.New("socket: owner is not a service")
	// ErrOwnerGone: the owner could not be told about the socket (it is
	// dead), so the socket was closed.
	ErrOwnerGone = errors.New("socket: owner is gone")
	// ErrCannotAbandon: the transport's listener cannot be interrupted
	// without being closed, so it cannot be handed back.
	ErrCannotAbandon = errors.New("socket: listener cannot be abandoned")
)
