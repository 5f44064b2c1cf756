package luasvc

import (
	"strconv"
	"time"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Message bodies are immutable once sent (see runtime.Message), and Lua
// strings are immutable, so a body can be viewed as a string and a string
// as a body without copying: every call and reply crosses this boundary.

func bytesToLString(b []byte) lua.LString {
	if len(b) == 0 {
		return ""
	}
	return lua.LString(unsafe.String(&b[0], len(b)))
}

func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// hpcNow is skynet.hpc: monotonic nanoseconds since the process started.
func hpcNow() int64 { return time.Since(processStart).Nanoseconds() }

// processStart anchors skynet.hpc; it is set once at program start and
// never written again.
var processStart = time.Now()
