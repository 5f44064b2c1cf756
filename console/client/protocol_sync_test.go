package client

import (
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/scripts"
)

// The client's default schemas are the example node's: the node reads
// them from scripts/examples/proto.lua, the client from these constants,
// so the two must not drift apart.
func TestExampleSchemasMatchTheNodes(t *testing.T) {
	b, err := scripts.FS.ReadFile("examples/proto.lua")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for rest := string(b); ; {
		i := strings.Index(rest, "[[")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "]]")
		if j < 0 {
			t.Fatal("unterminated [[ in proto.lua")
		}
		blocks = append(blocks, rest[i+2:i+j])
		rest = rest[i+j+2:]
	}
	if len(blocks) != 2 {
		t.Fatalf("proto.lua has %d schema blocks, want c2s and s2c", len(blocks))
	}
	for i, want := range []string{ExampleC2S, ExampleS2C} {
		if strings.TrimSpace(blocks[i]) != strings.TrimSpace(want) {
			t.Errorf("schema %d differs between proto.lua and the client:\n%s\n---\n%s", i, blocks[i], want)
		}
	}
}
