// Package socket is the node's socket server, skynet's socket_server in
// Go: it owns listeners and connections and reports everything that
// happens to them as PTYPE_SOCKET messages (source 0, session 0) to the
// socket's owner service. Each message starts with the 9-byte header of
// runtime.AppendSocketHeader (subtype, socket id, ud) followed by a
// payload:
//
//	subtype  id          ud              payload
//	CONNECT  listener    bound port      bound host          after Listen
//	CONNECT  socket      0               "start"             after Start
//	CONNECT  socket      0               "transfer"          Start on a started socket
//	CONNECT  connection  0               peer host           Connect succeeded
//	ACCEPT   listener    new socket id   peer "ip:port"      to the listener's owner
//	DATA     connection  bytes           the bytes read      fresh buffer per read
//	UDP      udp socket  data size       data + sender       sender in skynet's binary address form
//	WARNING  connection  KB buffered     -                   soft limit crossed; 0 when drained
//	CLOSE    socket      0               -                   Close, Shutdown, peer EOF
//	ERROR    socket      0               "<reason>: detail"  reset, write-limit, timeout, connect, error
//
// # Ids
//
// Socket ids are skynet's small integers, not OS descriptors: a counter
// from 1 that only grows, skipping ids still in use, so an id comes back
// only after 2^31 further sockets and an old socket's queued events can
// never be taken for a new one's. WithMaxSockets bounds the live ones.
//
// # Life of a connection
//
// Listen binds at once and the listener accepts nothing until Start. An
// accepted connection is announced with ACCEPT and is not read until
// Start, which may name a new owner (the gate starts a connection and
// forwards its data to an agent). Writes to a connection that is not
// started yet are kept and flushed on Start: skynet drops them, which
// loses for instance the first heartbeat of its example agent. A
// connection opened with Connect is read as soon as it is up.
//
// Close flushes what is buffered and then closes (CLOSE); data read
// meanwhile is dropped, and a flush that stalls longer than the close
// timeout ends with ERROR "timeout". Shutdown closes at once and drops the
// buffer. Abandon hands the OS side back without closing it. A socket ends
// exactly once, and its end is its last event: no DATA follows a CLOSE.
// CloseReason names every way a socket can end; ERROR payloads start with
// its String form, which ParseCloseReason reads back.
//
// # Goroutines and buffers
//
// Nothing blocks the caller: every method changes state under a lock and
// returns, so service handlers call them directly. Blocking I/O lives in
// goroutines: one acceptor per started listener and one dialer while
// connecting. On Linux, real TCP connections are read by one poller per
// server (a level-triggered epoll set; one read per readiness into a shared
// buffer, copied into a message of exactly the bytes read) and written by
// one writer per server with non-blocking writev; a connection whose peer
// does not keep up gets its own flusher goroutine until it catches up. An
// idle connection then costs no goroutine. Elsewhere, and on the in-memory
// transport, each started connection has a reader goroutine and a flusher
// that exists once writes happen; each read goes into a freshly allocated
// buffer (the message body, never reused) whose size adapts like skynet's:
// it doubles when a read fills it and halves when a read uses less than
// half, from 4 KiB within [64 B, 64 KiB].
//
// Writes are queued per connection and written in batches (writev on TCP).
// Past the soft limit (1 MiB) the owner gets WARNING with the buffered KB
// and the threshold doubles; past the hard limit (64 MiB) the connection
// ends with ERROR "write-limit". If an event cannot be delivered because
// the owner is dead, the socket is closed.
//
// # UDP and stdin
//
// UDP binds a datagram socket that is read at once; SendTo answers a
// sender with the address its UDP event carried (AppendUDPAddress and
// ParseUDPAddress give the form: 1 or 2 for IPv4 or IPv6, the port
// big-endian, the address bytes), and after UDPConnect Write sends to the
// peer. Bind makes a socket of the node's stdin when the server was given
// one (WithStdin); the console service reads its lines.
//
// # Transports
//
// The default transport is TCP; listeners set SO_REUSEADDR so a restarted
// gate rebinds its port at once, and addresses without a host ("8888",
// ":8888") mean 127.0.0.1. MemTransport is an in-memory network with the
// same behaviour for deterministic tests and scenarios.
//
// All state belongs to a Server value made by New for one node; Stop ends
// every socket without events and waits for all goroutines.
package socket
