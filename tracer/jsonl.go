package tracer

import (
	"encoding/hex"
	"io"
	"strconv"
	"time"
)

// wallLayout is RFC 3339 with a fixed nine-digit fraction: every line has
// the same width for its time, and lines sort as text in time order.
const wallLayout = "2006-01-02T15:04:05.000000000Z07:00"

// JSONLWriter writes one JSON object per event and a newline, the format
// documented in docs/trace-format.md. Each event is one Write call on the
// underlying writer; wrap a file in a bufio.Writer.
type JSONLWriter struct {
	w     io.Writer
	names Names
	dec   Decoder
	buf   []byte
}

// NewJSONLWriter returns a writer to w. names and dec may be nil: names then
// come out empty and no "payload" key is written.
func NewJSONLWriter(w io.Writer, names Names, dec Decoder) *JSONLWriter {
	return &JSONLWriter{w: w, names: names, dec: dec}
}

// WriteEvent writes e as one line.
func (j *JSONLWriter) WriteEvent(e *Event) error {
	b, err := AppendJSON(j.buf[:0], e, j.names, j.dec)
	j.buf = b
	if err != nil {
		return err
	}
	j.buf = append(j.buf, '\n')
	_, err = j.w.Write(j.buf)
	return err
}

// Close implements Exporter; a JSON-lines stream needs no trailer.
func (j *JSONLWriter) Close() error { return nil }

// AppendJSON appends e to dst as one JSON object (without a newline), keys
// in the documented order. The only error is a payload the decoder returned
// that cannot be written as JSON.
func AppendJSON(dst []byte, e *Event, names Names, dec Decoder) ([]byte, error) {
	b := append(dst, `{"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"t":"`...)
	b = appendWall(b, e.Wall)
	b = append(b, `","now":`...)
	b = strconv.AppendInt(b, e.Now, 10)
	b = append(b, `,"node":`...)
	b = strconv.AppendUint(b, uint64(e.Node), 10)
	b = append(b, `,"type":"`...)
	b = appendTypeName(b, e.Type)
	b = append(b, `","ptype":`...)
	b = strconv.AppendUint(b, uint64(e.Type), 10)
	b = append(b, `,"session":`...)
	b = strconv.AppendInt(b, int64(e.Session), 10)
	b = append(b, `,"src":"`...)
	b = appendHandle(b, e.Source)
	b = append(b, `","dst":"`...)
	b = appendHandle(b, e.Dest)
	b = append(b, `","src_name":`...)
	b = appendString(b, nameOf(names, e.Source))
	b = append(b, `,"dst_name":`...)
	b = appendString(b, nameOf(names, e.Dest))
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(e.Size), 10)
	if e.Type == TypeSocket {
		b = append(b, `,"sock":"`...)
		b = append(b, e.Sock.String()...)
		b = append(b, '"')
	}
	if hasFd(e.Type) {
		b = append(b, `,"fd":`...)
		b = strconv.AppendInt(b, int64(e.Fd), 10)
	}
	b = append(b, `,"outcome":"`...)
	b = append(b, e.Outcome.String()...)
	b = append(b, `","dur_ns":`...)
	b = strconv.AppendInt(b, e.DurNs, 10)
	if dec != nil {
		if v := dec(e); v != nil {
			b = append(b, `,"payload":`...)
			var err error
			if b, err = appendValue(b, v); err != nil {
				return dst, err
			}
		}
	}
	if e.PayloadLen > 0 {
		b = append(b, `,"hex":"`...)
		b = hex.AppendEncode(b, e.Captured())
		b = append(b, '"')
	}
	if e.Tag != "" {
		b = append(b, `,"tag":`...)
		b = appendString(b, e.Tag)
	}
	return append(b, '}'), nil
}

// appendWall formats unix nanoseconds with wallLayout. It does by hand what
// time.AppendFormat does, which would otherwise be half the cost of a line.
func appendWall(b []byte, ns int64) []byte {
	t := time.Unix(0, ns).UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, wallLayout)
	}
	hour, minute, sec := t.Clock()
	b = appendDigits(b, year, 4)
	b = appendDigits(append(b, '-'), int(month), 2)
	b = appendDigits(append(b, '-'), day, 2)
	b = appendDigits(append(b, 'T'), hour, 2)
	b = appendDigits(append(b, ':'), minute, 2)
	b = appendDigits(append(b, ':'), sec, 2)
	b = appendDigits(append(b, '.'), t.Nanosecond(), 9)
	return append(b, 'Z')
}

// appendDigits writes v (>= 0) zero-padded to width digits.
func appendDigits(b []byte, v, width int) []byte {
	n := len(b) + width
	b = append(b, "000000000"[:width]...)
	for i := n - 1; v > 0 && i >= n-width; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}
