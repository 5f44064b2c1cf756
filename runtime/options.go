package runtime

import (
	"io"
	"os"
	goruntime "runtime"

	"github.com/skyconsole/skyconsole/tracer"
)

// Options configure a Node. Use the With* functions; defaults() fills the rest.
type Options struct {
	Harbor  uint8
	Threads int
	Log     io.Writer
	Tracer  *tracer.Tracer
	// EndlessAfter is how long one dispatch may run before the monitor
	// reports a possible endless loop, in nanoseconds (skynet: 5 s).
	EndlessAfterNs int64
	// LogPath is the folder of per-service message logs (LogOn).
	LogPath string
}

// Option changes one setting.
type Option func(*Options)

func defaults() Options {
	return Options{
		Harbor:         1,
		Threads:        goruntime.GOMAXPROCS(0),
		Log:            os.Stdout,
		EndlessAfterNs: 5e9,
	}
}

// WithHarbor sets the node id carried in the high byte of every handle.
func WithHarbor(id uint8) Option { return func(o *Options) { o.Harbor = id } }

// WithThreads sets the number of workers (skynet's `thread`).
func WithThreads(n int) Option {
	return func(o *Options) {
		if n > 0 {
			o.Threads = n
		}
	}
}

// WithLog sets where the logger service writes.
func WithLog(w io.Writer) Option { return func(o *Options) { o.Log = w } }

// WithTracer attaches a tracer; without one a disabled tracer is used.
func WithTracer(t *tracer.Tracer) Option { return func(o *Options) { o.Tracer = t } }

// WithEndlessAfter sets the endless-loop report threshold in nanoseconds.
func WithEndlessAfter(ns int64) Option { return func(o *Options) { o.EndlessAfterNs = ns } }
