package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// Conn is one client connection to a gate. Its reader goroutine turns
// every incoming frame into an Event; the methods that send are safe for
// concurrent use.
type Conn struct {
	conn  net.Conn
	opts  options
	proto Protocol

	host   *sproto.Host          // decodes what the server sends (S2C)
	encode sproto.RequestEncoder // builds our requests (C2S)
	peer   *sproto.Host          // reads raw payloads as the server would
	header *sproto.Type          // S2C's .package, to salvage bad frames

	wmu sync.Mutex // one frame on the wire at a time

	mu       sync.Mutex
	next     int64                 // session of the next request
	sent     map[int64]sentRequest // requests awaiting their response
	waiting  int                   // entries of sent that will be answered
	progress chan struct{}         // closed and replaced on each response
	reason   CloseReason
	cause    error

	done      chan struct{} // closed when the reader goroutine ends
	closeOnce sync.Once
}

// sentRequest is what a session in flight asked.
type sentRequest struct {
	name    string
	answers bool
}

// Dial connects to a gate at addr ("host:port") and starts reading.
func Dial(ctx context.Context, addr string, opts ...Option) (*Conn, error) {
	o := buildOptions(opts)
	d := net.Dialer{Timeout: o.dialTimeout}
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConnect, err)
	}
	c, err := newConn(nc, o)
	if err != nil {
		_ = nc.Close()
		return nil, err
	}
	return c, nil
}

// New runs the client conversation over an established connection, which
// the Conn owns from now on.
func New(nc net.Conn, opts ...Option) (*Conn, error) {
	return newConn(nc, buildOptions(opts))
}

func newConn(nc net.Conn, o options) (*Conn, error) {
	var p Protocol
	if o.proto != nil {
		p = *o.proto
	} else {
		var err error
		if p, err = ExampleProtocol(); err != nil {
			return nil, err
		}
	}
	host, err := sproto.NewHost(p.S2C, "package")
	if err != nil {
		return nil, fmt.Errorf("s2c: %w", err)
	}
	peer, err := sproto.NewHost(p.C2S, "package")
	if err != nil {
		return nil, fmt.Errorf("c2s: %w", err)
	}
	c := &Conn{
		conn:     nc,
		opts:     o,
		proto:    p,
		host:     host,
		encode:   host.Attach(p.C2S),
		peer:     peer,
		header:   p.S2C.Type("package"),
		next:     1,
		sent:     map[int64]sentRequest{},
		progress: make(chan struct{}),
		done:     make(chan struct{}),
	}
	go c.readLoop()
	return c, nil
}

// Protocol returns the schemas the connection speaks.
func (c *Conn) Protocol() Protocol { return c.proto }

// Exec parses line (see Parse) and carries it out: a request or raw frame
// is sent, help is written to the output. The command is returned so the
// caller can act on OpExit, which Exec itself does nothing about.
func (c *Conn) Exec(line string) (Command, error) {
	cmd, err := Parse(line, c.proto.C2S)
	if err != nil {
		return cmd, err
	}
	switch cmd.Op {
	case OpRequest:
		_, err = c.Request(cmd.Name, cmd.Args)
	case OpRaw:
		err = c.SendRaw(cmd.Raw)
	case OpHelp:
		_, err = c.opts.out.Write([]byte(Help(c.proto.C2S)))
	}
	return cmd, err
}

// Request sends the c2s request name with the next session and returns
// that session. As in skynet's client.lua every request carries a
// session, also those of protocols that have no response.
func (c *Conn) Request(name string, args map[string]any) (int64, error) {
	p := c.proto.C2S.Protocol(name)
	if p == nil {
		return 0, fmt.Errorf("%w %q", ErrUnknownCommand, name)
	}
	if p.Request != nil && args == nil {
		args = map[string]any{}
	}
	c.mu.Lock()
	if c.reason != NotClosed {
		c.mu.Unlock()
		return 0, ErrNotConnected
	}
	session := c.next
	payload, err := c.encode(name, args, sproto.WithSession(session), nil)
	if err != nil {
		c.mu.Unlock()
		return 0, err
	}
	c.next++
	c.track(session, p)
	c.mu.Unlock()
	if err := c.write(payload); err != nil {
		c.untrack(session)
		return 0, err
	}
	return session, nil
}

// SendRaw sends payload as one frame without looking at it. When the
// bytes happen to be a c2s request with a session, that session is
// tracked as if Request had sent it, so its response is decoded and
// later requests do not reuse it.
func (c *Conn) SendRaw(payload []byte) error {
	c.mu.Lock()
	if c.reason != NotClosed {
		c.mu.Unlock()
		return ErrNotConnected
	}
	var tracked sproto.Session
	d, err := c.peer.Dispatch(payload)
	if err == nil && d.Kind == sproto.Request && d.Session.Valid {
		// Encoding it again is how the host learns to expect the answer.
		if _, err := c.encode(d.Name, d.Args, d.Session, nil); err == nil {
			c.track(d.Session.ID, c.proto.C2S.Protocol(d.Name))
			tracked = d.Session
			c.next = max(c.next, d.Session.ID+1)
		}
	}
	c.mu.Unlock()
	if err := c.write(payload); err != nil {
		if tracked.Valid {
			c.untrack(tracked.ID)
		}
		return err
	}
	return nil
}

// track records a session in flight; c.mu is held.
func (c *Conn) track(session int64, p *sproto.Protocol) {
	if old, ok := c.sent[session]; ok && old.answers {
		c.waiting--
	}
	s := sentRequest{name: p.Name, answers: answers(p)}
	c.sent[session] = s
	if s.answers {
		c.waiting++
	}
}

// untrack forgets a session that never made it onto the wire.
func (c *Conn) untrack(session int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.answered(session)
}

// answered forgets a session and returns its protocol name; c.mu is held.
func (c *Conn) answered(session int64) (string, bool) {
	s, ok := c.sent[session]
	if !ok {
		return "", false
	}
	delete(c.sent, session)
	if s.answers {
		c.waiting--
		close(c.progress)
		c.progress = make(chan struct{})
	}
	return s.name, true
}

// write frames payload and sends it.
func (c *Conn) write(payload []byte) error {
	frame, err := c.opts.framing.frame(payload)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.opts.writeTimeout > 0 {
		_ = c.conn.SetWriteDeadline(time.Now().Add(c.opts.writeTimeout))
	}
	if _, err := c.conn.Write(frame); err != nil {
		return fmt.Errorf("%w: %w", ErrNotConnected, err)
	}
	return nil
}

// Outstanding reports how many sent requests still await a response
// (one-way protocols are not counted).
func (c *Conn) Outstanding() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waiting
}

// Wait returns once every request that gets a response has had it. It
// returns an error wrapping ErrUnanswered if ctx ends or the connection
// closes first.
func (c *Conn) Wait(ctx context.Context) error {
	for {
		c.mu.Lock()
		n, progress := c.waiting, c.progress
		c.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-progress:
		case <-c.done:
			return fmt.Errorf("%w: %d, connection %v", ErrUnanswered, n, c.reasonNow())
		case <-ctx.Done():
			return fmt.Errorf("%w: %d: %w", ErrUnanswered, n, ctx.Err())
		}
	}
}

// Done is closed once the connection has stopped and every frame that
// arrived before has been delivered.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Closed reports why the connection stopped (NotClosed while it is up)
// and, for ServerClosed and ReadFailed, the detail: the read error, or
// ErrPartialFrame when the server closed inside a frame.
func (c *Conn) Closed() (CloseReason, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reason, c.cause
}

func (c *Conn) reasonNow() CloseReason {
	r, _ := c.Closed()
	return r
}

// Close closes the connection and waits for the reader goroutine. It is
// safe to call more than once; a connection the server already closed
// keeps its ServerClosed reason.
func (c *Conn) Close() error {
	var err error
	c.closeOnce.Do(func() {
		c.setClosed(ClientClosed, nil)
		if cerr := c.conn.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) {
			err = cerr
		}
	})
	<-c.done
	return err
}

// setClosed records the first reason the connection stopped.
func (c *Conn) setClosed(r CloseReason, cause error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reason == NotClosed {
		c.reason, c.cause = r, cause
	}
}
