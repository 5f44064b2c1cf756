package tracer

import (
	"io"
	"strconv"
	"strings"
)

// MermaidWriter renders events as a Mermaid sequenceDiagram: one
// participant per service in order of first appearance, one arrow per
// message (dashed for RESPONSE and ERROR, ending in a cross when the
// message was dead or dropped), and a note over the receiver for SOCKET
// messages, which come from the socket server rather than from a service.
// Participants must be declared before the arrows, so the diagram is
// buffered and written by Close.
type MermaidWriter struct {
	w       io.Writer
	names   Names
	label   func(*Event) string
	actors  []uint32
	known   map[uint32]bool
	body    []byte
	written bool
}

// NewMermaidWriter returns a writer to w; names may be nil.
func NewMermaidWriter(w io.Writer, names Names) *MermaidWriter {
	return &MermaidWriter{w: w, names: names, known: make(map[uint32]bool)}
}

// WithLabel adds f's text (say, the decoded message) to every arrow and
// note; an empty string adds nothing. It returns m.
func (m *MermaidWriter) WithLabel(f func(*Event) string) *MermaidWriter {
	m.label = f
	return m
}

// WriteEvent adds e to the diagram.
func (m *MermaidWriter) WriteEvent(e *Event) error {
	b := append(m.body, "    "...)
	if e.Type == TypeSocket {
		m.actor(e.Dest)
		b = append(b, "Note over "...)
		b = appendActorID(b, e.Dest)
		b = append(b, ": socket "...)
		b = append(b, e.Sock.String()...)
		b = append(b, " fd="...)
		b = strconv.AppendInt(b, int64(e.Fd), 10)
	} else {
		m.actor(e.Source)
		m.actor(e.Dest)
		b = appendActorID(b, e.Source)
		b = append(b, arrow(e)...)
		b = appendActorID(b, e.Dest)
		b = append(b, ": "...)
		b = appendTypeName(b, e.Type)
		if e.Type == TypeClient {
			b = append(b, " fd="...)
			b = strconv.AppendInt(b, int64(e.Fd), 10)
		} else if e.Session != 0 {
			b = append(b, " session="...)
			b = strconv.AppendInt(b, int64(e.Session), 10)
		}
	}
	b = append(b, " size="...)
	b = strconv.AppendInt(b, int64(e.Size), 10)
	if e.Outcome != OK {
		b = append(b, " ["...)
		b = append(b, e.Outcome.String()...)
		b = append(b, ']')
	}
	if m.label != nil {
		if text := m.label(e); text != "" {
			b = append(b, ' ')
			b = append(b, mermaidText(text)...)
		}
	}
	m.body = append(b, '\n')
	return nil
}

func arrow(e *Event) string {
	reply := e.Type == TypeResponse || e.Type == TypeError
	lost := e.Outcome == Dead || e.Outcome == Dropped
	switch {
	case reply && lost:
		return "--x"
	case reply:
		return "-->>"
	case lost:
		return "-x"
	}
	return "->>"
}

func (m *MermaidWriter) actor(h uint32) {
	if !m.known[h] {
		m.known[h] = true
		m.actors = append(m.actors, h)
	}
}

// Close writes the diagram. Calling it again writes nothing.
func (m *MermaidWriter) Close() error {
	if m.written {
		return nil
	}
	m.written = true
	b := []byte("sequenceDiagram\n")
	for _, h := range m.actors {
		b = append(b, "    participant "...)
		b = appendActorID(b, h)
		b = append(b, " as "...)
		if name := nameOf(m.names, h); name != "" {
			b = append(b, mermaidText(name)...)
			b = append(b, ' ')
		}
		b = appendHandle(b, h)
		b = append(b, '\n')
	}
	b = append(b, m.body...)
	_, err := m.w.Write(b)
	return err
}

func appendActorID(b []byte, h uint32) []byte {
	return appendHex8(append(b, 'h'), h)
}

// mermaidText keeps a name from breaking the diagram: ';' and '#' end or
// escape a statement in Mermaid, and a newline ends it. The first two are
// written as Mermaid entity codes.
func mermaidText(s string) string {
	if !strings.ContainsAny(s, ";#\n\r") {
		return s
	}
	r := strings.NewReplacer("#", "#35;", ";", "#59;", "\n", " ", "\r", " ")
	return r.Replace(s)
}
