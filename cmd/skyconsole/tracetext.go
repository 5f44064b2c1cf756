package main

import (
	"encoding/hex"
	"fmt"
	"io"

	"github.com/skyconsole/skyconsole/console/payload"
	"github.com/skyconsole/skyconsole/tracer"
)

// textTrace prints one readable line per dispatch (messages to the logger
// are left out: their text is printed by the logger itself):
//
//	42  0.35s  gate(:0100000f) <- watchdog(:0100000e)  lua  session=6  7B  "kick", 8
//
// The last part is the body decoded for reading (console/payload) when
// payload capture is on, as it is for this trace.
type textTrace struct {
	w     io.Writer
	names tracer.Names
	dec   tracer.Decoder
	buf   []byte
}

func newTextTrace(w io.Writer, names tracer.Names) *textTrace {
	return &textTrace{w: w, names: names, dec: payload.Decoder(names)}
}

func (t *textTrace) who(h uint32) string {
	if h == 0 {
		return ":00000000"
	}
	if name := t.names.Name(h); name != "" {
		return fmt.Sprintf("%s(:%08x)", name, h)
	}
	return fmt.Sprintf(":%08x", h)
}

func (t *textTrace) WriteEvent(e *tracer.Event) error {
	if t.names.Name(e.Dest) == "logger" {
		return nil // the log line itself is printed; its message is noise here
	}
	t.buf = fmt.Appendf(t.buf[:0], "%6d %6.2fs  %s <- %s  %s", e.Seq, float64(e.Now)/100, t.who(e.Dest), t.who(e.Source), tracer.TypeName(e.Type))
	if e.Type == tracer.TypeSocket {
		t.buf = fmt.Appendf(t.buf, " %s fd=%d", e.Sock, e.Fd)
	} else {
		t.buf = fmt.Appendf(t.buf, "  session=%d", e.Session)
	}
	t.buf = fmt.Appendf(t.buf, "  %dB", e.Size)
	if e.Outcome != tracer.OK {
		t.buf = fmt.Appendf(t.buf, "  [%s]", e.Outcome)
	}
	if e.Tag != "" {
		t.buf = fmt.Appendf(t.buf, "  tag=%s", e.Tag)
	}
	if e.Type == tracer.TypeSocket && e.Sock == tracer.SockData && e.PayloadLen > 0 {
		// the bytes as they came off the wire (a gate frame starts with
		// its 2-byte length)
		b := e.Captured()
		t.buf = append(t.buf, "  "...)
		t.buf = hex.AppendEncode(t.buf, b[:min(len(b), 24)])
		if int(e.Size) > min(len(b), 24) {
			t.buf = append(t.buf, "…"...)
		}
	} else if v := t.dec(e); v != nil {
		t.buf = append(t.buf, "  "...)
		t.buf = append(t.buf, payload.Format(v)...)
	}
	t.buf = append(t.buf, '\n')
	_, err := t.w.Write(t.buf)
	return err
}

func (t *textTrace) Close() error { return nil }
