// Package lsproto is "sproto.core", the Go module under skynet's sproto Lua
// API (scripts/lualib/sproto.lua, sprotoloader.lua, sprotoparser.lua). The
// codec itself is package runtime/sproto; this package converts between
// Lua values and its message values and exposes it as a function table.
//
// # Wiring
//
// A node owns one [Store], the 16 slots sprotoloader.save and
// sprotoloader.load share between services (a C global in skynet):
//
//	store := &lsproto.Store{}
//	host.RegisterModule("sproto.core", lsproto.Open(store))
//
// The Lua modules are ordinary per-service lualib files.
//
// # sproto.core
//
// Three userdata types, each with its own metatable: schema, type and
// host. Functions (arguments are checked; failures raise Lua errors whose
// text is package sproto's, which keeps the reference wording):
//
//	newproto(bundle) -> schema           parse(text [, name]) -> bundle
//	saveproto(schema, slot)              loadproto(slot) -> schema
//	deleteproto(schema)                  (no-op, for lsproto scripts)
//	querytype(schema, name) -> type | nil
//	protocol(schema, name | tag) -> tag | name, request, response, confirm
//	encode(type, table) -> bytes         decode(type, bytes) -> table, used
//	pack(bytes) -> bytes                 unpack(bytes [, sz]) -> bytes
//	default(type) -> table
//	host(schema [, package]) -> host
//	dispatch(host, packet [, sz]) -> "REQUEST", name, args, respond|nil, ud
//	                               | "RESPONSE", session, args, ud
//	attach(host, schema) -> function(name | tag, args, session, ud) -> packet
//
// protocol returns nothing for an unknown protocol; request and response
// are nil when the protocol has no such type, and confirm is true for
// `response nil`. dispatch and attach use the Go [sproto.Host], so a
// request that carries a session always gets a responder (a protocol
// without response answers with a bare header, as the reference does).
// Messages are Lua strings: skynet's (pointer, size) pairs do not exist
// here, so every sz argument is ignored.
//
// # Values
//
// Encoding follows the schema: the same Lua table is read as a struct
// (fields by name, __index honoured, other keys ignored), an array
// (t[1], t[2], ... up to the first nil) or a map (`*T(key)` and `*T()`,
// entries in next() order, which in gopher-lua is insertion order, so a
// table built in one order always encodes to the same bytes). Numbers
// are float64 in gopher-lua: an integral one is the integer it spells,
// double and `integer(N)` fields take the float (package sproto scales
// and rounds). Coercions such as numeric strings for integer fields are
// package sproto's. Nesting stops at 64 levels, which also stops cycles.
//
// Decoding builds fresh tables, structs filled in tag order. Integers
// arrive as numbers when float64 holds them exactly (every |n| <= 2^53,
// and larger powers of two); any other fails with
// [*InexactIntegerError] rather than round. Binary and string fields
// are both Lua strings. Map fields become tables keyed by each entry's
// key; because gopher-lua keeps integer keys below lua.MaxArrayIndex in a
// dense array, one message may spend at most [MaxSparseSlots] array slots
// on sparse keys before failing with [ErrSparseKey]. Hostile bytes raise errors,
// never panic.
package lsproto
