package luasvc_test

import (
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/boot"
	"github.com/skyconsole/skyconsole/runtime/config"
	"github.com/skyconsole/skyconsole/tracer"
)

// BenchmarkLuaCall measures skynet.call round trips between two Lua
// services (ns/op = one round trip), with the tracer off and on; the
// difference is the tracing cost the issue bounds at 10 %.
func BenchmarkLuaCall(b *testing.B) {
	for _, on := range []bool{false, true} {
		name := "trace=off"
		if on {
			name = "trace=on"
		}
		b.Run(name, func(b *testing.B) {
			dir, _ := filepath.Abs("testdata")
			log := &syncBuffer{}
			cfg := config.FromValues(dir, map[string]string{
				"start": "call_loop", "harbor": "0", "luaservice": "./?.lua", "lua_path": "./?.lua",
				"calls": strconv.Itoa(b.N),
			})
			tr := tracer.New(tracer.WithEnabled(on))
			n, err := boot.Start(cfg, boot.Options{Log: log, Stdout: log, Threads: 2, Tracer: tr})
			if err != nil {
				b.Fatal(err)
			}
			defer n.Close()
			waitLog(b, log, "CALL_READY")
			cpu0 := processCPU()
			b.ResetTimer()
			waitLog(b, log, "CALL_DONE")
			b.StopTimer()
			// CPU time per round trip is steadier than wall time on a
			// shared machine; it is what tracing adds to each call.
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// processCPU is the process's user+system CPU time in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
