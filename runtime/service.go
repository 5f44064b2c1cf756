package runtime

// Service is what a node hosts: skynet's module instance. Init runs in the
// launching goroutine (as skynet's create+init); Dispatch is called for each
// message by whichever worker holds the service, never concurrently with
// itself except across Context.Block; Release runs once after the service
// is dead and every blocked handler has unwound.
//
// A caller never hangs: Dispatch must answer every request it takes
// (session > 0, not a reply, not PTYPE_CLIENT), with PTYPE_ERROR when it
// fails; the error it returns only marks the trace event. The node answers
// requests still queued at a kill, and for a panic; Release must answer
// any request the service kept for later (skynet.response).
type Service interface {
	Init(c *Context, args string) error
	Dispatch(c *Context, m *Message) error
	Release(c *Context)
}

// Killer is implemented by services that must stop running code when
// killed (a Lua service cancels its running chunk). It may be called from
// any goroutine.
type Killer interface {
	Kill()
}

// Signaler receives the debug console's `signal` (skynet_context's signal).
type Signaler interface {
	Signal(sig int)
}

// Inspector lets a service add its own figures to a Snapshot.
type Inspector interface {
	Inspect() ServiceStats
}

// ServiceStats are the service-specific figures in a snapshot.
type ServiceStats struct {
	MemKB float64 // heap estimate in KB (Lua services)
	Tasks int     // handlers waiting (calls, sleeps)
}

// Factory makes a service instance for a module name ("snlua", "logger").
type Factory func() Service
