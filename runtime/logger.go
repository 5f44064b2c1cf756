package runtime

import (
	"fmt"
	"io"
	"sync"
)

// loggerService is skynet's logger: it prints "[:0100000a] text" for every
// PTYPE_TEXT it receives, so log lines keep one order across services.
type loggerService struct {
	mu  *sync.Mutex
	out io.Writer
	buf []byte
}

func (l *loggerService) Init(c *Context, args string) error { return nil }

func (l *loggerService) Dispatch(c *Context, m *Message) error {
	l.buf = fmt.Appendf(l.buf[:0], "[%s] ", m.Source)
	l.buf = append(l.buf, m.Data...)
	l.buf = append(l.buf, '\n')
	l.mu.Lock()
	_, err := l.out.Write(l.buf)
	l.mu.Unlock()
	return err
}

func (l *loggerService) Release(c *Context) {}

// Log writes msg on behalf of source through the logger service. Before the
// logger exists or after it is gone, the line is written directly.
func (n *Node) Log(source Handle, msg string) {
	if lh := n.loggerHandle.Load(); lh != 0 {
		if c := n.reg.get(Handle(lh)); c != nil {
			if sched, ok := c.mb.push(Message{Type: PTypeText, Source: source, Data: []byte(msg)}); ok {
				if sched {
					n.runq.push(c)
				}
				return
			}
		}
	}
	n.logMu.Lock()
	fmt.Fprintf(n.opts.Log, "[%s] %s\n", source, msg)
	n.logMu.Unlock()
}

func (n *Node) logf(source Handle, format string, args ...any) {
	n.Log(source, fmt.Sprintf(format, args...))
}
