// Package tracer records every message dispatch of a node and lets readers
// pull the records without slowing dispatch down.
//
// # Writing
//
// The runtime gives each worker its own Writer (Tracer.NewWriter). On every
// dispatch it checks Tracer.Enabled, which is one atomic load and all that
// tracing costs while it is off. When it is on, the worker fills an Event on
// its stack and calls Writer.Put, which copies it by value into the
// worker's ring: a fixed-size array of slots with a single writer. Put takes
// no lock, formats nothing, allocates nothing and never waits: when the
// ring is full it overwrites the oldest event. Payload bytes are copied only
// when Tracer.Capture is on, and only the first PayloadCap of them.
//
// Code outside the workers (a socket goroutine finding a dead letter, a
// timer) uses Tracer.Shared, the same kind of ring behind a mutex.
//
// # Reading
//
// Readers hold a Cursor and call Tracer.Since, which merges all rings in
// Seq order and says how many events the reader lost to overwriting.
// Tracer.Wait blocks until there is something new, so a console or a trace
// file writer can follow the trace without polling. Readers filter with
// Filter and render with the exporters: JSONLWriter (the public format of
// docs/trace-format.md, read back by ReadJSONL), MermaidWriter and
// ChromeTraceWriter. Anything that needs decoding (seri values, sproto
// messages) is done there, through a Decoder, never on the dispatch path.
//
// # How readers stay consistent
//
// A slot is a row of machine words written and read with atomics. Each
// writer publishes a head word, pos<<1|busy, before and after each Put.
// A reader copies a slot and then reloads the head: if the writer has
// started overwriting that slot meanwhile, the copy is discarded and counted
// as dropped, so a torn event is never returned. The same head tells the
// reader when a writer holds a sequence number it has not published yet;
// Since then holds back newer events until the next call, which keeps Seq
// strictly increasing across calls without ever making the writer wait.
//
// The package imports only the standard library; the runtime imports it,
// never the other way round.
package tracer
