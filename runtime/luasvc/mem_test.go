package luasvc_test

import (
	goruntime "runtime"
	"strings"
	"testing"
	"time"
)

func heapInUse() uint64 {
	goruntime.GC()
	goruntime.GC()
	var m goruntime.MemStats
	goruntime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

func waitLog(t testing.TB, log *syncBuffer, marker string) string {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		out := log.String()
		if i := strings.Index(out, marker); i >= 0 {
			start := strings.LastIndexByte(out[:i], '\n') + 1
			line := out[start:]
			if j := strings.IndexByte(line, '\n'); j >= 0 {
				line = line[:j]
			}
			// drop the logger's "[:xxxxxxxx] " prefix
			if k := strings.Index(line, "] "); k >= 0 && strings.HasPrefix(line, "[:") {
				line = line[k+2:]
			}
			return line
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no %s in log:\n%s", marker, log.String())
	return ""
}

// BenchmarkIdleServiceMemory reports the Go heap and stack each idle Lua
// service costs (bytes/service) and the spawn rate, measured the way
// bench_spawn measures RSS on skynet: all services alive and answering.
func BenchmarkIdleServiceMemory(b *testing.B) {
	const count = 1000
	for i := 0; i < b.N; i++ {
		n, log := startLua(b, "mem_probe", 2, map[string]string{"mem_count": "1000"})
		waitLog(b, log, "MEM_BEFORE")
		before := heapInUse()
		line := waitLog(b, log, "MEM_AFTER")
		after := heapInUse()
		b.ReportMetric(float64(after-before)/count, "bytes/service")
		b.Log(line)
		n.Close()
	}
}
