package runtime

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// A message log is skynet's per-service log, switched by the debug
// console's logon and logoff: every message dispatched to the service,
// replies included, is appended as one line to <dir>/<handle>.log, where
// handle is the 8 hex digits. It is written at dispatch, before the
// handler runs, so a message that crashes the handler is still in the
// file. Lines use skynet's layout so existing tools read them:
//
//	:<source hex> <type> <session> <time> <payload hex>
//	[socket] <subtype> <id> <ud> <payload hex>       DATA
//	[socket] <subtype> <id> <ud> [<text>]           other socket events
//
// time is the node's clock in 1/100 s (skynet.now). The file also gets
// "open time: ..." and "close time: ..." lines. The tracer records the
// same dispatches with more detail; this file is the skynet-compatible
// view for one service, readable without skyconsole.
type messageLog struct {
	mu   sync.Mutex
	f    *os.File
	line []byte
}

// WithLogPath sets where message logs are written (skynet's logpath);
// empty means the working directory.
func WithLogPath(dir string) Option { return func(o *Options) { o.LogPath = dir } }

// LogOn starts the message log of h and returns the file's path. A log
// already on stays as it is.
func (n *Node) LogOn(h Handle) (string, error) {
	c := n.reg.get(h)
	if c == nil || c.Dead() {
		return "", fmt.Errorf("logon %s: %w", h, ErrUnknownAddress)
	}
	path := filepath.Join(n.opts.LogPath, fmt.Sprintf("%08x.log", uint32(h)))
	if c.msglog.Load() != nil {
		return path, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return "", fmt.Errorf("logon %s: %w", h, err)
	}
	lg := &messageLog{f: f}
	fmt.Fprintf(f, "open time: %d %s\n", n.Now(), time.Now().Format(time.ANSIC))
	if !c.msglog.CompareAndSwap(nil, lg) {
		// Another LogOn won the race; its file is the log.
		_ = f.Close()
	}
	return path, nil
}

// LogOff stops the message log of h; nothing happens if it is off.
func (n *Node) LogOff(h Handle) error {
	c := n.reg.get(h)
	if c == nil {
		return fmt.Errorf("logoff %s: %w", h, ErrUnknownAddress)
	}
	c.closeMessageLog(n.Now())
	return nil
}

// closeMessageLog ends the log of c, if any (LogOff, or the service ended).
func (c *Context) closeMessageLog(now int64) {
	lg := c.msglog.Swap(nil)
	if lg == nil {
		return
	}
	lg.mu.Lock()
	fmt.Fprintf(lg.f, "close time: %d\n", now)
	_ = lg.f.Close()
	lg.f = nil
	lg.mu.Unlock()
}

// write appends the line for m. A write error closes nothing: the log is
// for debugging and must never fail a dispatch.
func (lg *messageLog) write(now int64, m *Message) {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	if lg.f == nil {
		return
	}
	b := lg.line[:0]
	if m.Type == PTypeSocket {
		sub, id, ud, ok := SocketHeader(m.Data)
		if ok {
			b = append(b, "[socket] "...)
			b = strconv.AppendInt(b, int64(sub), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(id), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(ud), 10)
			b = append(b, ' ')
			payload := m.Data[SocketHeaderSize:]
			if sub == SockData {
				b = appendHex(b, payload)
			} else {
				b = append(b, '[')
				b = append(b, payload...)
				b = append(b, ']')
			}
			b = append(b, '\n')
			_, _ = lg.f.Write(b)
			lg.line = b
			return
		}
	}
	b = append(b, ':')
	b = appendHex8(b, uint32(m.Source))
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(m.Type), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(m.Session), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, now, 10)
	b = append(b, ' ')
	b = appendHex(b, m.Data)
	b = append(b, '\n')
	_, _ = lg.f.Write(b)
	lg.line = b
}

const hexDigits = "0123456789abcdef"

func appendHex(b, data []byte) []byte {
	for _, x := range data {
		b = append(b, hexDigits[x>>4], hexDigits[x&15])
	}
	return b
}

func appendHex8(b []byte, v uint32) []byte {
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[(v>>uint(shift))&15])
	}
	return b
}
