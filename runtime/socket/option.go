package socket

import (
	"io"
	"time"
)

// Defaults for the options.
const (
	// DefaultSoftLimit is skynet's WARNING_SIZE: the buffered write bytes
	// that first trigger a WARNING event.
	DefaultSoftLimit = 1 << 20
	// DefaultHardLimit closes a connection whose buffered writes exceed it.
	DefaultHardLimit = 64 << 20
	// DefaultMaxSockets is skynet's MAX_SOCKET: live sockets per server.
	DefaultMaxSockets = 1 << 16
	// DefaultCloseTimeout bounds how long Close may spend flushing.
	DefaultCloseTimeout = 10 * time.Second
)

// Option configures a Server.
type Option func(*options)

type options struct {
	transport    Transport
	softLimit    int
	hardLimit    int
	maxSockets   int
	closeTimeout time.Duration
	stdin        io.Reader
}

func defaults() options {
	return options{
		transport:    TCP{},
		softLimit:    DefaultSoftLimit,
		hardLimit:    DefaultHardLimit,
		maxSockets:   DefaultMaxSockets,
		closeTimeout: DefaultCloseTimeout,
	}
}

// WithTransport replaces real TCP, for instance with a MemTransport for
// deterministic runs. nil keeps TCP.
func WithTransport(t Transport) Option {
	return func(o *options) {
		if t != nil {
			o.transport = t
		}
	}
}

// WithSoftLimit sets the buffered write bytes that first send a WARNING;
// each warning doubles the threshold until the buffer drains. n <= 0 keeps
// the default.
func WithSoftLimit(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.softLimit = n
		}
	}
}

// WithHardLimit sets the buffered write bytes above which a connection is
// closed with CloseWriteLimit. n <= 0 removes the limit (skynet has none).
func WithHardLimit(n int) Option { return func(o *options) { o.hardLimit = n } }

// WithMaxSockets bounds the number of live sockets. n <= 0 keeps the
// default.
func WithMaxSockets(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxSockets = n
		}
	}
}

// WithCloseTimeout bounds how long Close keeps flushing to a peer that
// does not read; when it expires the connection ends with CloseTimeout.
// d <= 0 waits for ever, as skynet does.
func WithCloseTimeout(d time.Duration) Option { return func(o *options) { o.closeTimeout = d } }
