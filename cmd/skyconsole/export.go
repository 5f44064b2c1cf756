package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skyconsole/skyconsole/console/payload"
	"github.com/skyconsole/skyconsole/tracer"
)

// exportCmd turns a JSON-lines trace (skyconsole run --trace) into a
// Mermaid sequence diagram, a Chrome/Perfetto trace or the readable text,
// optionally narrowed to some services and a range of events.
func exportCmd(args []string) int {
	return runExport(args, os.Stdin, os.Stdout, os.Stderr)
}

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "mermaid", "mermaid, chrome (Perfetto / chrome://tracing) or text")
	only := fs.String("only", "", "comma-separated service names or :handles; keep messages between them")
	from := fs.Uint64("from", 0, "first event seq to keep")
	to := fs.Uint64("to", 0, "last event seq to keep (0: to the end)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skyconsole export [--format mermaid|chrome|text] [--only gate,watchdog,agent] [--from N] [--to N] TRACE.jsonl|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	in := stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(stderr, "skyconsole export:", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	recs, err := tracer.ReadJSONL(in)
	if err != nil {
		fmt.Fprintln(stderr, "skyconsole export:", err)
		return 1
	}
	names := tracer.NameMap{}
	for _, r := range recs {
		if r.SrcName != "" {
			names[r.Source] = r.SrcName
		}
		if r.DstName != "" {
			names[r.Dest] = r.DstName
		}
	}
	keep := selector(*only, names)
	dec := payload.Decoder(names)
	label := func(e *tracer.Event) string {
		if v := dec(e); v != nil {
			return payload.Format(v)
		}
		return ""
	}
	out := bufio.NewWriter(stdout)
	var ex tracer.Exporter
	switch *format {
	case "mermaid":
		ex = tracer.NewMermaidWriter(out, names).WithLabel(label)
	case "chrome", "perfetto":
		ex = tracer.NewChromeTraceWriter(out, names).WithLabel(label)
	case "text":
		ex = newTextTrace(out, names)
	default:
		fmt.Fprintf(stderr, "skyconsole export: unknown format %q (mermaid, chrome, text)\n", *format)
		return 2
	}
	n := 0
	for i := range recs {
		e := &recs[i].Event
		if e.Seq < *from || (*to != 0 && e.Seq > *to) || !keep(e) {
			continue
		}
		if err := ex.WriteEvent(e); err != nil {
			fmt.Fprintln(stderr, "skyconsole export:", err)
			return 1
		}
		n++
	}
	if err := ex.Close(); err != nil {
		fmt.Fprintln(stderr, "skyconsole export:", err)
		return 1
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "skyconsole export:", err)
		return 1
	}
	if n == 0 {
		fmt.Fprintln(stderr, "skyconsole export: no events matched")
	}
	return 0
}

// selector keeps every event when list is empty; otherwise events whose
// source and destination are both listed (socket events: the destination),
// so a diagram shows the conversation between those services only.
func selector(list string, names tracer.NameMap) func(*tracer.Event) bool {
	if strings.TrimSpace(list) == "" {
		return func(*tracer.Event) bool { return true }
	}
	want := map[string]bool{}
	for _, w := range strings.Split(list, ",") {
		want[strings.TrimSpace(w)] = true
	}
	listed := func(h uint32) bool {
		return want[names.Name(h)] || want[fmt.Sprintf(":%08x", h)]
	}
	return func(e *tracer.Event) bool {
		if e.Type == tracer.TypeSocket || e.Source == 0 {
			return listed(e.Dest)
		}
		return listed(e.Source) && listed(e.Dest)
	}
}
