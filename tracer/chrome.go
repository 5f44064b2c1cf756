package tracer

import (
	"io"
	"strconv"
)

// ChromeTraceWriter writes the Chrome trace event format (JSON object form),
// which chrome://tracing, Perfetto and speedscope open. Each event becomes
// one complete ("ph":"X") slice on a track per destination service, grouped
// in a process per node; the tracks are named by metadata events emitted the
// first time a service appears. Timestamps are microseconds since the first
// event written, which keeps them exact in a double.
type ChromeTraceWriter struct {
	w      io.Writer
	names  Names
	label  func(*Event) string
	n      int
	base   int64
	nodes  map[uint8]bool
	tracks map[uint64]bool
	buf    []byte
	closed bool
}

// NewChromeTraceWriter returns a writer to w; names may be nil.
func NewChromeTraceWriter(w io.Writer, names Names) *ChromeTraceWriter {
	return &ChromeTraceWriter{w: w, names: names, nodes: make(map[uint8]bool), tracks: make(map[uint64]bool)}
}

// WithLabel adds f's text (say, the decoded message) to each slice's
// arguments as "message"; an empty string adds nothing. It returns c.
func (c *ChromeTraceWriter) WithLabel(f func(*Event) string) *ChromeTraceWriter {
	c.label = f
	return c
}

const chromeHeader = `{"displayTimeUnit":"ns","traceEvents":[`

// WriteEvent writes e (and any track metadata it needs) at once.
func (c *ChromeTraceWriter) WriteEvent(e *Event) error {
	b := c.buf[:0]
	if c.n == 0 {
		b = append(b, chromeHeader...)
		c.base = e.Wall
	}
	if !c.nodes[e.Node] {
		c.nodes[e.Node] = true
		b = c.sep(b)
		b = append(b, `{"ph":"M","name":"process_name","pid":`...)
		b = strconv.AppendUint(b, uint64(e.Node), 10)
		b = append(b, `,"tid":0,"args":{"name":"node `...)
		b = strconv.AppendUint(b, uint64(e.Node), 10)
		b = append(b, `"}}`...)
	}
	if track := uint64(e.Node)<<32 | uint64(e.Dest); !c.tracks[track] {
		c.tracks[track] = true
		b = c.sep(b)
		b = append(b, `{"ph":"M","name":"thread_name","pid":`...)
		b = strconv.AppendUint(b, uint64(e.Node), 10)
		b = append(b, `,"tid":`...)
		b = strconv.AppendUint(b, uint64(e.Dest), 10)
		b = append(b, `,"args":{"name":`...)
		label := appendHandle(nil, e.Dest)
		if name := nameOf(c.names, e.Dest); name != "" {
			label = append(append([]byte(name), ' '), label...)
		}
		b = appendString(b, string(label))
		b = append(b, `}}`...)
	}
	b = c.sep(b)
	b = append(b, `{"ph":"X","name":"`...)
	b = appendTypeName(b, e.Type)
	if e.Type == TypeSocket {
		b = append(b, ' ')
		b = append(b, e.Sock.String()...)
	}
	b = append(b, `","cat":"`...)
	b = appendTypeName(b, e.Type)
	b = append(b, `","pid":`...)
	b = strconv.AppendUint(b, uint64(e.Node), 10)
	b = append(b, `,"tid":`...)
	b = strconv.AppendUint(b, uint64(e.Dest), 10)
	b = append(b, `,"ts":`...)
	b = appendMicros(b, e.Wall-c.base)
	b = append(b, `,"dur":`...)
	b = appendMicros(b, e.DurNs)
	b = append(b, `,"args":{"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"type":"`...)
	b = appendTypeName(b, e.Type)
	b = append(b, `","session":`...)
	b = strconv.AppendInt(b, int64(e.Session), 10)
	b = append(b, `,"source":"`...)
	b = appendHandle(b, e.Source)
	b = append(b, `","source_name":`...)
	b = appendString(b, nameOf(c.names, e.Source))
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(e.Size), 10)
	if hasFd(e.Type) {
		b = append(b, `,"fd":`...)
		b = strconv.AppendInt(b, int64(e.Fd), 10)
	}
	b = append(b, `,"outcome":"`...)
	b = append(b, e.Outcome.String()...)
	b = append(b, '"')
	if c.label != nil {
		if text := c.label(e); text != "" {
			b = append(b, `,"message":`...)
			b = appendString(b, text)
		}
	}
	b = append(b, `}}`...)
	c.buf = b
	_, err := c.w.Write(b)
	return err
}

// sep separates array elements, one per line so diffs stay readable.
func (c *ChromeTraceWriter) sep(b []byte) []byte {
	if c.n > 0 {
		b = append(b, ',')
	}
	c.n++
	return append(b, '\n')
}

// Close ends the JSON document. Calling it again writes nothing.
func (c *ChromeTraceWriter) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	b := c.buf[:0]
	if c.n == 0 {
		b = append(b, chromeHeader...)
	}
	b = append(b, "\n]}\n"...)
	_, err := c.w.Write(b)
	return err
}

// appendMicros writes ns nanoseconds as microseconds with three decimals.
func appendMicros(b []byte, ns int64) []byte {
	u := uint64(ns)
	if ns < 0 {
		b = append(b, '-')
		u = uint64(-ns)
	}
	b = strconv.AppendUint(b, u/1000, 10)
	frac := u % 1000
	return append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}
