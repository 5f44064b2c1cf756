package client

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// Op is what a command line asks for.
type Op uint8

const (
	// OpNone: a blank line or a # comment; nothing to do.
	OpNone Op = iota
	// OpRequest: send the c2s request Command.Name with Command.Args.
	OpRequest
	// OpRaw: send Command.Raw as one frame, unchanged.
	OpRaw
	// OpHelp: show the commands and protocols.
	OpHelp
	// OpExit: close the connection and leave.
	OpExit
)

var opNames = [...]string{"none", "request", "raw", "help", "exit"}

// String returns the lower-case name of the op.
func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("op(%d)", uint8(o))
}

// Command is one parsed console line.
type Command struct {
	Op Op
	// Name is the protocol of an OpRequest.
	Name string
	// Args are the request fields of an OpRequest; nil when the protocol
	// has no request type.
	Args map[string]any
	// Raw is the frame payload of an OpRaw.
	Raw []byte
}

// Parse reads one console line against the c2s schema:
//
//	NAME VALUE...   a c2s request; one value per request field, in tag order
//	raw HEX         a frame payload in hex (blanks and a 0x prefix allowed)
//	help            list commands and protocols
//	exit            leave
//
// Values are words as splitWords reads them and are converted to their
// field's type (see fieldValue). The built-in words take precedence over
// protocols of the same name. Blank lines and lines starting with # are
// OpNone.
func Parse(line string, c2s *sproto.Schema) (Command, error) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return Command{Op: OpNone}, nil
	}
	words, err := splitWords(trimmed)
	if err != nil {
		return Command{}, err
	}
	name, values := words[0], words[1:]
	switch name {
	case "help":
		return Command{Op: OpHelp}, nil
	case "exit":
		return Command{Op: OpExit}, nil
	case "raw":
		payload, err := parseHex(values)
		if err != nil {
			return Command{}, err
		}
		return Command{Op: OpRaw, Raw: payload}, nil
	}
	p := c2s.Protocol(name)
	if p == nil {
		return Command{}, fmt.Errorf("%w %q (type help)", ErrUnknownCommand, name)
	}
	args, err := requestArgs(p, values)
	if err != nil {
		return Command{}, err
	}
	return Command{Op: OpRequest, Name: name, Args: args}, nil
}

// requestArgs assigns values to the request fields of p in tag order.
func requestArgs(p *sproto.Protocol, values []string) (map[string]any, error) {
	var fields []sproto.Field
	if p.Request != nil {
		fields = p.Request.Fields
	}
	if len(values) != len(fields) {
		if len(fields) == 0 {
			return nil, fmt.Errorf("%w: %s takes no values, got %d", ErrValueCount, p.Name, len(values))
		}
		return nil, fmt.Errorf("%w: %s takes %d (%s), got %d", ErrValueCount,
			p.Name, len(fields), fieldList(fields), len(values))
	}
	if p.Request == nil {
		// The encoder ignores args for a protocol without request type.
		return nil, nil
	}
	args := make(map[string]any, len(fields))
	for i := range fields {
		v, err := fieldValue(&fields[i], values[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name, err)
		}
		args[fields[i].Name] = v
	}
	return args, nil
}

// parseHex joins the words after raw and decodes them, so both
// `raw 15020404` and `raw 15 02 04 04` work.
func parseHex(words []string) ([]byte, error) {
	s := strings.Join(words, "")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if s == "" {
		return nil, fmt.Errorf("%w: raw needs the frame payload in hex, e.g. raw 15020404", ErrBadHex)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadHex, err)
	}
	return b, nil
}
