package luasvc_test

import (
	"regexp"
	"strings"
	"testing"
)

// debug TRACELOG (the debug console's `trace address on|off`) makes every
// incoming lua message of the service start a trace: a "trace lua" line
// when it arrives and an "end" line when its handler finishes, each with
// a fresh tag; after off, no more.
func TestTraceLogTracesEveryMessage(t *testing.T) {
	out := runLuaTest(t, "traceproto_main", 2)
	echo := regexp.MustCompile(`ECHO (:[0-9a-f]{8})`).FindStringSubmatch(out)
	if echo == nil {
		t.Fatalf("no ECHO line:\n%s", out)
	}
	on, off, ok := strings.Cut(out, "TRACING OFF")
	if !ok {
		t.Fatalf("no TRACING OFF marker:\n%s", out)
	}
	starts := regexp.MustCompile(`\[`+echo[1]+`\] <TRACE (`+echo[1]+`-\d+)> \d+ trace lua`).FindAllStringSubmatch(on, -1)
	// The two pings, and the TRACELOG off request itself is debug, not lua.
	if len(starts) != 2 || starts[0][1] == starts[1][1] {
		t.Fatalf("want two traces with distinct tags while on, got %q:\n%s", starts, on)
	}
	for _, s := range starts {
		if !strings.Contains(on, "<TRACE "+s[1]+"> ") || !regexp.MustCompile(`<TRACE `+s[1]+`> \d+ end`).MatchString(on) {
			t.Fatalf("trace %s has no end line:\n%s", s[1], on)
		}
	}
	if strings.Contains(off, "<TRACE "+echo[1]) {
		t.Fatalf("traces after TRACELOG off:\n%s", off)
	}
}
