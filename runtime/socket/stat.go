package socket

import (
	"time"

	"github.com/skyconsole/skyconsole/runtime"
)

// Stat is one row of netstat.
type Stat struct {
	ID         int
	Owner      runtime.Handle
	Kind       Kind
	State      string // plisten, listen, connecting, paccept, connected, closing
	Local      string
	Peer       string
	ReadBytes  uint64
	WriteBytes uint64
	LastRead   time.Time // zero when nothing was read yet
	LastWrite  time.Time
	Buffered   int  // write bytes queued or being written
	Reading    bool // reading or accepting (started and not paused)
	Writing    bool // a flush is in progress
}

// Info lists the live sockets in id order.
func (srv *Server) Info() []Stat {
	socks := srv.table.all()
	out := make([]Stat, 0, len(socks))
	for _, s := range socks {
		s.mu.Lock()
		if s.state != stateClosed {
			out = append(out, Stat{
				ID: int(s.id), Owner: s.owner, Kind: s.kind, State: s.state.String(),
				Local: s.local, Peer: s.peer,
				ReadBytes: s.rbytes, WriteBytes: s.wbytes,
				LastRead: s.rtime, LastWrite: s.wtime,
				Buffered: s.buffered,
				Reading:  s.reading && !s.paused,
				Writing:  s.flushing,
			})
		}
		s.mu.Unlock()
	}
	return out
}
