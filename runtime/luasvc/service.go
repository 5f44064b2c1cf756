package luasvc

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// Service is one Lua service (skynet's snlua instance).
type Service struct {
	host *Host
	ctx  *runtime.Context
	L    *lua.LState
	name string
	args []string

	launched bool
	sh       *sharedLib
	proxies  []proxyPair
	protos   []protoEntry
	filterFn *lua.LFunction // skynet.filter's raw dispatcher, if any
	inits    []*lua.LFunction
	started  bool // the start function has begun (init functions taken)

	traceSeq int
	// traceFrom remembers PTYPE_TRACE tags by source until the next request.
	traceFrom map[runtime.Handle]string
	debugCmds map[string]*lua.LFunction

	free     []*lua.LState
	cur      *task
	taskFree []*task

	// Session bookkeeping, touched only by the goroutine holding the service.
	callbacks map[int32]*lua.LFunction // timeout and fork functions
	forkSeq   int32                    // negative sessions for forks (no skynet session is used)
	local     []runtime.Message        // fork/wakeup messages queued by the running step
	waiting   map[lua.LValue]int32     // wait/sleep token -> session
	calls     map[int32]runtime.Handle // outgoing calls in flight
	responses map[int32]respToken      // skynet.response closures not yet used
	respSeq   int32
	tasks     map[int32]*task // blocked tasks by session, for debug TASK
	infoFn    *lua.LFunction

	// Cancellation of running Lua code (kill, signal) from other goroutines.
	cmu    sync.Mutex
	lctx   context.Context
	cancel context.CancelFunc

	enc *seri.Encoder // reused by skynet.pack

	memKB   atomic.Int64 // KB estimate, refreshed by debug MEM
	blocked atomic.Int32
}

type respToken struct {
	source  runtime.Handle
	session int32
}

var _ runtime.Service = (*Service)(nil)
var _ runtime.Killer = (*Service)(nil)
var _ runtime.Signaler = (*Service)(nil)

// Init records the launch and sends the service its launch message, as
// snlua does; the Lua code is loaded when that message is dispatched.
func (s *Service) Init(c *runtime.Context, args string) error {
	s.ctx = c
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return errNoServiceName
	}
	s.name, s.args = fields[0], fields[1:]
	s.callbacks = map[int32]*lua.LFunction{}
	s.waiting = map[lua.LValue]int32{}
	s.calls = map[int32]runtime.Handle{}
	s.responses = map[int32]respToken{}
	s.tasks = map[int32]*task{}
	s.newLuaCtx()
	return c.Send(c.Handle(), runtime.PTypeText, 0, []byte(args))
}

// newLuaCtx makes the context Lua code runs with: cancellable (kill,
// signal) and carrying the service for skynet.core's shared functions.
func (s *Service) newLuaCtx() {
	ctx, cancel := context.WithCancel(context.Background())
	s.lctx, s.cancel = context.WithValue(ctx, svcKey{}, s), cancel
}

func (s *Service) luaCtx() context.Context {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.lctx.Err() != nil && !s.ctx.Dead() {
		s.newLuaCtx()
	}
	return s.lctx
}

// Kill cancels whatever Lua code the service runs now.
func (s *Service) Kill() {
	s.cmu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.cmu.Unlock()
}

// Signal is the debug console's signal: 0 interrupts the running chunk.
func (s *Service) Signal(sig int) {
	s.ctx.Log("recv a signal " + strconv.Itoa(sig))
	if sig == 0 {
		s.Kill()
	}
}

// Inspect reports figures for snapshots.
func (s *Service) Inspect() runtime.ServiceStats {
	return runtime.ServiceStats{MemKB: float64(s.memKB.Load()), Tasks: int(s.blocked.Load())}
}

// Dispatch routes one message: the launch message loads the service; timer
// and fork responses run their callbacks; everything else goes to the Lua
// dispatcher installed by skynet.start.
func (s *Service) Dispatch(c *runtime.Context, m *runtime.Message) error {
	if !s.launched {
		s.launched = true
		return s.launch()
	}
	switch m.Type {
	case runtime.PTypeResponse:
		fn, ok := s.callbacks[m.Session]
		if !ok {
			return nil // a broken sleep's timer or a reply after its caller gave up
		}
		delete(s.callbacks, m.Session)
		return s.runTask(s.newTask(0, 0, m.Type), fn)
	case runtime.PTypeError:
		if m.Session == 0 {
			s.sourceGone(m.Source)
		}
		return nil
	case runtime.PTypeTrace:
		if s.traceFrom == nil {
			s.traceFrom = map[runtime.Handle]string{}
		}
		s.traceFrom[m.Source] = string(m.Data)
		return nil
	}
	t := s.newTask(m.Session, m.Source, m.Type)
	e := s.protoByID(m.Type)
	if tag, ok := s.traceFrom[m.Source]; ok && isRequest(m.Type) {
		delete(s.traceFrom, m.Source)
		t.tag = tag
		c.Log("<TRACE " + tag + "> " + itoa(hpcNow()) + " request")
	} else if e != nil && e.traced {
		t.tag = s.newTraceTag()
		c.Log("<TRACE " + t.tag + "> " + itoa(hpcNow()) + " trace " + e.name)
	}
	if s.filterFn != nil {
		return s.runTask(t, s.filterFn,
			lua.LNumber(m.Type), bytesToLString(m.Data), lua.LNumber(len(m.Data)), lua.LNumber(m.Session), lua.LNumber(m.Source))
	}
	if e == nil || e.dispatch == nil {
		name := m.Type.String()
		if e != nil {
			name = e.name
		}
		if m.Session != 0 && isRequest(m.Type) {
			_ = c.Send(m.Source, runtime.PTypeError, m.Session, nil)
			c.Log("Unknown request (" + name + ") from " + m.Source.String() + " session " + itoa(int64(m.Session)) + ": no dispatch function")
			return errNoDispatch
		}
		c.Log("Unknown request (" + name + "): " + itoa(int64(len(m.Data))) + " bytes from " + m.Source.String())
		return nil
	}
	session, source := lua.LNumber(m.Session), lua.LNumber(m.Source)
	switch {
	case e.unpackCore:
		return s.runTaskUnpacked(t, e.dispatch, session, source, m.Data)
	case e.unpack == lua.LNil:
		return s.runTask(t, e.dispatch, session, source, bytesToLString(m.Data), lua.LNumber(len(m.Data)))
	default:
		return s.runTaskLuaUnpack(t, e, session, source, m.Data)
	}
}

// sourceGone handles PTYPE_ERROR with session 0 ("I am gone"): response
// closures for that caller must not send any more.
func (s *Service) sourceGone(h runtime.Handle) {
	for id, rt := range s.responses {
		if rt.source == h {
			delete(s.responses, id)
		}
	}
}

// flushLocal puts fork and wakeup messages queued during the step at the
// front of the mailbox, so they run right after it as in skynet.
func (s *Service) flushLocal() {
	for i := len(s.local) - 1; i >= 0; i-- {
		s.ctx.PushFront(s.local[i])
	}
	s.local = s.local[:0]
}

// Release answers everyone still waiting on this service and drops the
// Lua state.
func (s *Service) Release(c *runtime.Context) {
	for _, rt := range s.responses {
		_ = c.Send(rt.source, runtime.PTypeError, rt.session, nil)
	}
	gone := map[runtime.Handle]bool{}
	for _, dst := range s.calls {
		if !gone[dst] {
			gone[dst] = true
			_ = c.Send(dst, runtime.PTypeError, 0, nil)
		}
	}
	s.responses, s.calls = nil, nil
	s.Kill()
	if s.L != nil {
		s.L.Close()
		s.L = nil
	}
	s.free = nil
}
