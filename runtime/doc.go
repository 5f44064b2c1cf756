// Package runtime is the actor core of skyconsole: a Node hosts services,
// each with a Handle, an optional name and a mailbox; every message is
// delivered through one dispatch entry point by a fixed number of workers
// pulling non-empty mailboxes from a global run queue, as skynet does.
//
// A handler that must wait (a call, a sleep) blocks its goroutine with
// Context.Block; the worker it held is handed to a spare goroutine so the
// node keeps N workers busy, and the waiting goroutine takes a worker back
// when its answer is dispatched. That is the "baton" design described in
// docs/architecture.md: it lets Lua code block anywhere (inside pcall,
// metamethods, iterators) without coroutine yields.
package runtime
