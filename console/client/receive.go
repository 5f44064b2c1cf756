package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/skyconsole/skyconsole/runtime/netpack"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// readBufSize is the socket read size; frames longer than it simply take
// several reads.
const readBufSize = 16 << 10

// readLoop owns the reading side of the socket: it splits the stream into
// frames and delivers each as an Event until the connection ends.
func (c *Conn) readLoop() {
	defer close(c.done)
	var dec netpack.Decoder
	buf := make([]byte, readBufSize)
	for {
		n, err := c.conn.Read(buf)
		if n > 0 {
			ev, frame, ferr := dec.Feed(buf[:n])
			switch ev {
			case netpack.EventData:
				c.deliver(frame)
			case netpack.EventMore:
				for f, ok := dec.Pop(); ok; f, ok = dec.Pop() {
					c.deliver(f)
				}
			}
			if ferr != nil {
				// Only a limit below the format's can fail; kept for safety.
				c.setClosed(ReadFailed, ferr)
				_ = c.conn.Close()
				return
			}
		}
		if err != nil {
			c.readEnded(err, dec.Buffered())
			return
		}
	}
}

// readEnded classifies the error that ended reading.
func (c *Conn) readEnded(err error, partial int) {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET):
		var cause error
		if !errors.Is(err, io.EOF) {
			cause = err
		}
		if partial > 0 {
			cause = fmt.Errorf("%w: %d bytes dropped", ErrPartialFrame, partial)
		}
		c.setClosed(ServerClosed, cause)
	default:
		// After Close this is "use of closed network connection", and
		// setClosed keeps ClientClosed.
		c.setClosed(ReadFailed, err)
	}
	_ = c.conn.Close()
}

// deliver decodes one frame, which is only valid during the call, and
// reports it.
func (c *Conn) deliver(frame []byte) {
	c.emit(c.decode(frame))
}

func (c *Conn) decode(frame []byte) Event {
	d, err := c.host.Dispatch(frame)
	if err != nil {
		return c.invalid(frame, err)
	}
	if d.Kind == sproto.Request {
		var typ *sproto.Type
		if p := c.proto.S2C.ProtocolByTag(d.Tag); p != nil {
			typ = p.Request
		}
		return Event{Kind: EventRequest, Session: d.Session, Name: d.Name, Args: d.Args, typ: typ}
	}
	c.mu.Lock()
	name, _ := c.answered(d.Session.ID)
	c.mu.Unlock()
	var typ *sproto.Type
	if p := c.proto.C2S.Protocol(name); p != nil {
		typ = p.Response
	}
	return Event{Kind: EventResponse, Session: d.Session, Name: name, Args: d.Args, typ: typ}
}

// invalid reports a frame that did not decode. If its header still reads
// as the response to a session in flight, that session is settled, since
// the host has dropped it and no other answer will come.
func (c *Conn) invalid(frame []byte, err error) Event {
	ev := Event{Kind: EventInvalid, Frame: bytes.Clone(frame), Err: err}
	if c.header == nil {
		return ev
	}
	bin, uerr := sproto.Unpack(frame)
	if uerr != nil {
		return ev
	}
	h, _, herr := c.header.Decode(bin)
	if herr != nil {
		return ev
	}
	id, ok := h["session"].(int64)
	if _, isRequest := h["type"]; !ok || isRequest {
		return ev
	}
	ev.Session = sproto.WithSession(id)
	c.mu.Lock()
	ev.Name, _ = c.answered(id)
	c.mu.Unlock()
	return ev
}

// emit writes the event as one line and hands it to the handler.
func (c *Conn) emit(ev Event) {
	line := ev.String() + "\n"
	_, _ = io.WriteString(c.opts.out, line)
	if c.opts.handler != nil {
		c.opts.handler(ev)
	}
}
