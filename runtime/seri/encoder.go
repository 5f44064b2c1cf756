package seri

import (
	"encoding/binary"
	"math"
)

// Encoder appends skynet-serialised values to a buffer it owns. The zero
// value is ready to use; Reset makes it reusable without reallocating, which
// is what keeps the per-call pack path allocation-free.
//
// Tables are written as BeginTable(n), exactly n array values, any number of
// key/value pairs, then EndTable. The Encoder does not verify that shape:
// it is a building block for callers that already walk a structured value.
//
// After any method returns an error the buffer content is unspecified;
// call Reset before reusing the Encoder.
type Encoder struct {
	buf   []byte
	depth int // number of open tables = depth of the next value written
}

// NewEncoder returns an Encoder whose buffer starts with the given capacity.
func NewEncoder(capacity int) *Encoder {
	return &Encoder{buf: make([]byte, 0, capacity)}
}

// Reset empties the buffer, keeping its storage, and closes all tables.
func (e *Encoder) Reset() {
	e.buf = e.buf[:0]
	e.depth = 0
}

// Bytes returns the encoded bytes. The slice aliases the Encoder's buffer
// and is only valid until the next write or Reset.
func (e *Encoder) Bytes() []byte { return e.buf }

// Len returns the number of encoded bytes.
func (e *Encoder) Len() int { return len(e.buf) }

// Depth returns the number of tables currently open.
func (e *Encoder) Depth() int { return e.depth }

// check enforces skynet's depth rule: it applies to every packed value,
// including nil, but not to a table's terminator or length header.
func (e *Encoder) check() error {
	if e.depth > MaxDepth {
		return ErrTooDeep
	}
	return nil
}

// WriteNil writes a nil value.
func (e *Encoder) WriteNil() error {
	if err := e.check(); err != nil {
		return err
	}
	e.buf = append(e.buf, makeTag(typeNil, 0))
	return nil
}

// WriteBool writes a boolean.
func (e *Encoder) WriteBool(b bool) error {
	if err := e.check(); err != nil {
		return err
	}
	var cookie byte
	if b {
		cookie = 1
	}
	e.buf = append(e.buf, makeTag(typeBool, cookie))
	return nil
}

// WriteInt writes an integer in the shortest form skynet would choose.
func (e *Encoder) WriteInt(v int64) error {
	if err := e.check(); err != nil {
		return err
	}
	e.appendInt(v)
	return nil
}

// appendInt follows lua-seri's width choice exactly, including its quirk
// that negative values never use the unsigned 1- and 2-byte forms.
func (e *Encoder) appendInt(v int64) {
	switch {
	case v == 0:
		e.buf = append(e.buf, makeTag(typeNumber, numZero))
	case v != int64(int32(v)):
		e.buf = append(e.buf, makeTag(typeNumber, numQword))
		e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(v))
	case v < 0:
		e.buf = append(e.buf, makeTag(typeNumber, numDword))
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(int32(v)))
	case v < 0x100:
		e.buf = append(e.buf, makeTag(typeNumber, numByte), byte(v))
	case v < 0x10000:
		e.buf = append(e.buf, makeTag(typeNumber, numWord))
		e.buf = binary.LittleEndian.AppendUint16(e.buf, uint16(v))
	default:
		e.buf = append(e.buf, makeTag(typeNumber, numDword))
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(v))
	}
}

// WriteReal writes a float64 as a real, never shortened to an integer, so
// 0.0, -0.0 and NaN payloads survive bit for bit.
func (e *Encoder) WriteReal(f float64) error {
	if err := e.check(); err != nil {
		return err
	}
	e.buf = append(e.buf, makeTag(typeNumber, numReal))
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(f))
	return nil
}

// WriteUserdata writes a light userdata pointer value.
func (e *Encoder) WriteUserdata(p uint64) error {
	if err := e.check(); err != nil {
		return err
	}
	e.buf = append(e.buf, makeTag(typeUserdata, 0))
	e.buf = binary.LittleEndian.AppendUint64(e.buf, p)
	return nil
}

// WriteString writes s as raw bytes (no encoding requirement).
func (e *Encoder) WriteString(s string) error {
	if err := e.stringHeader(len(s)); err != nil {
		return err
	}
	e.buf = append(e.buf, s...)
	return nil
}

// WriteBytes writes b exactly like a string of the same bytes.
func (e *Encoder) WriteBytes(b []byte) error {
	if err := e.stringHeader(len(b)); err != nil {
		return err
	}
	e.buf = append(e.buf, b...)
	return nil
}

func (e *Encoder) stringHeader(n int) error {
	if err := e.check(); err != nil {
		return err
	}
	switch {
	case n < cookieLimit:
		e.buf = append(e.buf, makeTag(typeShortString, byte(n)))
	case n < 0x10000:
		e.buf = append(e.buf, makeTag(typeLongString, longStringWord))
		e.buf = binary.LittleEndian.AppendUint16(e.buf, uint16(n))
	case uint64(n) <= MaxStringLen:
		e.buf = append(e.buf, makeTag(typeLongString, longStringDword))
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(n))
	default:
		return ErrStringTooLong
	}
	return nil
}

// BeginTable opens a table whose array part holds arrayLen values. The
// table itself counts as a value at the current depth; what follows sits
// one level deeper.
func (e *Encoder) BeginTable(arrayLen int) error {
	if err := e.check(); err != nil {
		return err
	}
	if arrayLen < 0 {
		return ErrTableLength
	}
	if arrayLen < arrayLenFollows {
		e.buf = append(e.buf, makeTag(typeTable, byte(arrayLen)))
	} else {
		e.buf = append(e.buf, makeTag(typeTable, arrayLenFollows))
		e.appendInt(int64(arrayLen))
	}
	e.depth++
	return nil
}

// EndTable writes the nil that terminates the innermost open table's hash
// part. The terminator is not a packed value, so it is exempt from the
// depth rule: an empty table one level too deep is still accepted.
func (e *Encoder) EndTable() error {
	if e.depth == 0 {
		return ErrUnbalanced
	}
	e.depth--
	e.buf = append(e.buf, makeTag(typeNil, 0))
	return nil
}
