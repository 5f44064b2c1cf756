package tracer

// Names resolves a service handle to its launch or registered name, "" when
// it has none. Readers supply it (the runtime's name table, a snapshot, a
// map); exporters call it once per handle they print.
type Names interface {
	Name(handle uint32) string
}

// NameMap is a Names backed by a map.
type NameMap map[uint32]string

// Name implements Names.
func (m NameMap) Name(h uint32) string { return m[h] }

// Decoder turns an event into a value to show as its "payload": usually a
// decoding of the captured bytes (seri values, a sproto message, a socket
// payload). Returning nil leaves the payload out. Decoders run in readers
// only, never on the dispatch path.
type Decoder func(e *Event) any

// Exporter writes events in some format. Close finishes the document (it
// does not close the underlying io.Writer).
type Exporter interface {
	WriteEvent(e *Event) error
	Close() error
}

var (
	_ Exporter = (*JSONLWriter)(nil)
	_ Exporter = (*MermaidWriter)(nil)
	_ Exporter = (*ChromeTraceWriter)(nil)
)

func nameOf(names Names, h uint32) string {
	if names == nil {
		return ""
	}
	return names.Name(h)
}

const hexDigits = "0123456789abcdef"

// appendHandle writes h the way skynet prints addresses: ":0100000a".
func appendHandle(b []byte, h uint32) []byte {
	return appendHex8(append(b, ':'), h)
}

func appendHex8(b []byte, h uint32) []byte {
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[h>>uint(shift)&0xf])
	}
	return b
}
