package client

import (
	"strings"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// Help describes the built-in commands and every c2s protocol with the
// values its request line takes.
func Help(c2s *sproto.Schema) string {
	var b strings.Builder
	b.WriteString(`commands:
  PROTOCOL VALUE...  send a c2s request; the values fill its request fields in tag order
  raw HEX            send the bytes as one frame payload, unchanged (e.g. raw 15020404)
  help               show this text
  exit               wait briefly for pending responses, then close and leave
values: "double quotes" take Go escapes, 'single quotes' are literal, arrays are a,b,c
c2s protocols:
`)
	for _, p := range c2s.Protocols() {
		b.WriteString("  ")
		b.WriteString(p.Name)
		if p.Request != nil && len(p.Request.Fields) > 0 {
			b.WriteByte(' ')
			b.WriteString(fieldList(p.Request.Fields))
		}
		if !answers(p) {
			b.WriteString("   (no response defined)")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Words lists the words a command line can start with, for completion.
func Words(c2s *sproto.Schema) []string {
	words := []string{"raw", "help", "exit"}
	for _, p := range c2s.Protocols() {
		words = append(words, p.Name)
	}
	return words
}
