package client

import (
	"io"
	"time"
)

// Option configures a Conn.
type Option func(*options)

type options struct {
	framing      Framing
	out          io.Writer
	handler      func(Event)
	proto        *Protocol
	dialTimeout  time.Duration
	writeTimeout time.Duration
}

func defaults() options {
	return options{
		framing:      FramingS2,
		out:          io.Discard,
		dialTimeout:  5 * time.Second,
		writeTimeout: 10 * time.Second,
	}
}

func buildOptions(opts []Option) options {
	o := defaults()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithFraming selects the outgoing framing (FramingS2 by default).
func WithFraming(f Framing) Option {
	return func(o *options) { o.framing = f }
}

// WithOutput makes the Conn write each Event as one line to w, in a
// single Write call, so a terminal writer that redraws its prompt around
// each write (readline's Stdout) keeps the prompt intact. Nothing is
// written by default.
func WithOutput(w io.Writer) Option {
	return func(o *options) {
		if w == nil {
			w = io.Discard
		}
		o.out = w
	}
}

// WithHandler calls h with every Event, after it is written to the
// output, on the connection's reader goroutine: h must not block for long,
// since nothing is read meanwhile.
func WithHandler(h func(Event)) Option {
	return func(o *options) { o.handler = h }
}

// WithProtocol sets the schemas (ExampleProtocol by default).
func WithProtocol(p Protocol) Option {
	return func(o *options) { o.proto = &p }
}

// WithDialTimeout bounds Dial (5 s by default).
func WithDialTimeout(d time.Duration) Option {
	return func(o *options) { o.dialTimeout = d }
}

// WithWriteTimeout bounds each frame written, so a server that stops
// reading cannot hang the console (10 s by default; <= 0 means none).
func WithWriteTimeout(d time.Duration) Option {
	return func(o *options) { o.writeTimeout = d }
}
