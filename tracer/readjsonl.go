package tracer

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Record is one line of a JSON-lines trace read back: the event plus what
// the writer resolved for display.
type Record struct {
	Event
	SrcName string
	DstName string
	// Decoded is the "payload" value exactly as written (nil when absent);
	// the reader of a golden file decodes it however it likes.
	Decoded json.RawMessage
}

// line mirrors the JSON-lines keys. Unknown keys are ignored, so newer
// writers can add keys without breaking older readers.
type line struct {
	Seq     uint64          `json:"seq"`
	T       string          `json:"t"`
	Now     int64           `json:"now"`
	Node    uint8           `json:"node"`
	Type    string          `json:"type"`
	PType   *uint8          `json:"ptype"`
	Session int32           `json:"session"`
	Src     string          `json:"src"`
	Dst     string          `json:"dst"`
	SrcName string          `json:"src_name"`
	DstName string          `json:"dst_name"`
	Size    int32           `json:"size"`
	Sock    string          `json:"sock"`
	Fd      int32           `json:"fd"`
	Outcome string          `json:"outcome"`
	DurNs   int64           `json:"dur_ns"`
	Payload json.RawMessage `json:"payload"`
	Hex     string          `json:"hex"`
	Tag     string          `json:"tag"`
}

// ReadJSONL parses a JSON-lines trace as written by JSONLWriter. Blank lines
// are skipped and unknown keys ignored. "ptype" wins over "type" when both
// are present; captured bytes beyond PayloadCap are cut off. Errors wrap
// ErrFormat and name the line.
func ReadJSONL(r io.Reader) ([]Record, error) {
	var out []Record
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		text, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(text)) > 0 {
			rec, perr := parseLine(text)
			if perr != nil {
				return out, fmt.Errorf("%w: line %d: %v", ErrFormat, n, perr)
			}
			out = append(out, rec)
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

func parseLine(text []byte) (Record, error) {
	var l line
	if err := json.Unmarshal(text, &l); err != nil {
		return Record{}, err
	}
	rec := Record{SrcName: l.SrcName, DstName: l.DstName}
	e := &rec.Event
	e.Seq, e.Now, e.Node, e.Session = l.Seq, l.Now, l.Node, l.Session
	e.Size, e.Fd, e.DurNs, e.Tag = l.Size, l.Fd, l.DurNs, l.Tag
	if l.T != "" {
		t, err := time.Parse(time.RFC3339Nano, l.T)
		if err != nil {
			return rec, err
		}
		e.Wall = t.UnixNano()
	}
	switch t, ok := TypeByName(l.Type); {
	case l.PType != nil:
		e.Type = *l.PType
	case ok:
		e.Type = t
	default:
		return rec, fmt.Errorf("unknown type %q and no ptype", l.Type)
	}
	var err error
	if e.Source, err = parseHandle(l.Src); err != nil {
		return rec, err
	}
	if e.Dest, err = parseHandle(l.Dst); err != nil {
		return rec, err
	}
	if l.Sock != "" {
		k, ok := ParseSockKind(l.Sock)
		if !ok {
			return rec, fmt.Errorf("unknown sock %q", l.Sock)
		}
		e.Sock = k
	}
	if l.Outcome != "" {
		o, ok := ParseOutcome(l.Outcome)
		if !ok {
			return rec, fmt.Errorf("unknown outcome %q", l.Outcome)
		}
		e.Outcome = o
	}
	if l.Hex != "" {
		raw, err := hex.DecodeString(l.Hex)
		if err != nil {
			return rec, err
		}
		e.SetPayload(raw)
	}
	if len(l.Payload) > 0 && string(l.Payload) != "null" {
		rec.Decoded = l.Payload
	}
	return rec, nil
}

// parseHandle reads ":0100000a" (the colon is optional).
func parseHandle(s string) (uint32, error) {
	if s == "" {
		return 0, nil
	}
	if s[0] == ':' {
		s = s[1:]
	}
	h, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("bad handle %q", s)
	}
	return uint32(h), nil
}
