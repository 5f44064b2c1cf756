package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/tracer"
)

// writeTrace writes a small JSON-lines trace: the watchdog asks the gate
// to kick fd 4, the gate answers, and the logger gets a line.
func writeTrace(t *testing.T) string {
	t.Helper()
	names := tracer.NameMap{0x0100000e: "watchdog", 0x0100000f: "gate", 0x01000001: "logger"}
	var buf bytes.Buffer
	w := tracer.NewJSONLWriter(&buf, names, nil)
	kick := &tracer.Event{Seq: 1, Type: tracer.TypeLua, Session: 6, Source: 0x0100000e, Dest: 0x0100000f, Size: 7}
	kick.SetPayload([]byte{0x24, 'k', 'i', 'c', 'k', 0x0a, 0x04})
	events := []*tracer.Event{
		kick,
		{Seq: 2, Type: tracer.TypeResponse, Session: 6, Source: 0x0100000f, Dest: 0x0100000e},
		{Seq: 3, Type: tracer.TypeText, Source: 0x0100000f, Dest: 0x01000001, Size: 5},
		{Seq: 4, Type: tracer.TypeSocket, Sock: tracer.SockClose, Fd: 4, Dest: 0x0100000f},
	}
	for _, e := range events {
		if err := w.WriteEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "trace.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func export(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	rc := runExport(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), rc
}

func TestExportMermaidBetweenChosenServices(t *testing.T) {
	path := writeTrace(t)
	out, _, rc := export(t, "--only", "gate,watchdog", path)
	if rc != 0 {
		t.Fatalf("rc %d", rc)
	}
	want := `sequenceDiagram
    participant h0100000e as watchdog :0100000e
    participant h0100000f as gate :0100000f
    h0100000e->>h0100000f: lua session=6 size=7 "kick", 4
    h0100000f-->>h0100000e: response session=6 size=0
    Note over h0100000f: socket close fd=4 size=0
`
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	all, _, _ := export(t, path)
	if !strings.Contains(all, "logger :01000001") {
		t.Fatalf("without --only the logger is a participant:\n%s", all)
	}
	some, _, _ := export(t, "--from", "2", "--to", "2", path)
	if strings.Count(some, "->>") != 1 || !strings.Contains(some, "response session=6") {
		t.Fatalf("--from 2 --to 2:\n%s", some)
	}
}

func TestExportChromeAndText(t *testing.T) {
	path := writeTrace(t)
	out, _, rc := export(t, "--format", "chrome", path)
	if rc != 0 {
		t.Fatalf("rc %d", rc)
	}
	var doc struct {
		TraceEvents []struct {
			Ph   string         `json:"ph"`
			Args map[string]any `json:"args"`
		} `json:"traceEvents"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("chrome output is not JSON: %v\n%s", err, out)
	}
	found := false
	for _, e := range doc.TraceEvents {
		if e.Ph == "X" && e.Args["message"] == `"kick", 4` {
			found = true
		}
	}
	if !found {
		t.Fatalf("no slice carries the decoded message:\n%s", out)
	}
	text, _, _ := export(t, "--format", "text", path)
	if !strings.Contains(text, `gate(:0100000f) <- watchdog(:0100000e)  lua  session=6  7B  "kick", 4`) {
		t.Fatalf("text:\n%s", text)
	}
}

func TestExportBadInput(t *testing.T) {
	path := writeTrace(t)
	if _, errs, rc := export(t, "--format", "svg", path); rc != 2 || !strings.Contains(errs, "unknown format") {
		t.Fatalf("bad format: rc %d, %q", rc, errs)
	}
	if _, errs, rc := export(t, filepath.Join(t.TempDir(), "none.jsonl")); rc != 1 || !strings.Contains(errs, "no such file") {
		t.Fatalf("missing file: rc %d, %q", rc, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	_ = os.WriteFile(bad, []byte("{not json\n"), 0o644)
	if _, errs, rc := export(t, bad); rc != 1 || !strings.Contains(errs, "line 1") {
		t.Fatalf("bad json: rc %d, %q", rc, errs)
	}
	if _, _, rc := export(t); rc != 2 {
		t.Fatalf("no file: rc %d", rc)
	}
}
