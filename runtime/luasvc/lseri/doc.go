// Package lseri bridges gopher-lua values and the skynet.pack wire format
// (package runtime/seri). It sits on the hot path of every skynet.call:
// [Pack] walks Lua values straight into a reusable [seri.Encoder] and
// [Unpack] builds Lua values straight from a [seri.Decoder], with no
// intermediate Go tree.
//
// # Numbers
//
// gopher-lua is a Lua 5.1 VM: every number is a float64, while skynet runs
// Lua 5.4 and tells integers from floats. The bridge encodes a number that
// is integral and within int64 range (-2^63 <= x < 2^63) as an integer and
// everything else (1.5, inf, NaN, 1e300) as a real. So where skynet writes
// 3.0 as a real, this bridge writes the integer 3; -0.0 and 0.0 both become
// the integer 0. A skynet peer then sees an integer where it might have had
// an integral float; Lua 5.4 compares them equal, but math.type and
// string.format("%d") can tell.
//
// On decode, reals arrive as-is. Integers arrive as numbers when float64
// holds them exactly, which covers every integer this bridge itself sends
// and all of |v| <= 2^53; others (for example 2^53+1 or math.maxinteger
// from a skynet peer) fail with [*InexactIntegerError] rather than round.
//
// # Tables
//
// The array part is t[1..n] where n is gopher-lua's border (LTable.Len: the
// last non-nil slot of its array slice, so {1, nil, 3} has n = 3 where Lua
// 5.4 may report 1); holes inside it go out as nil. Every other pair follows
// in gopher-lua's next() order, which is insertion order, so a given table
// always packs to the same bytes. A table whose metatable has __pairs is
// packed through it, as skynet does: no array part, every yielded pair in
// the hash part. Nesting deeper than seri.MaxDepth fails with skynet's
// "serialize can't pack too depth table", which also stops cycles.
//
// Decoded tables are fresh. Because gopher-lua keeps every integer key below
// lua.MaxArrayIndex (2^20 in skyconsole, see runtime/luasvc/limits.go) in a dense slice, a sparse key such as [1000000] costs a
// million-slot array; one Unpack may spend at most [MaxSparseSlots] such
// slots before failing with [ErrSparseKey].
//
// # Other types
//
// Functions, threads (coroutines), channels and full userdata fail with
// "Unsupport type <name> to serialize". gopher-lua has no light userdata,
// so a decoded light userdata becomes a *lua.LUserData whose Value is a
// seri.Userdata; Pack writes such a userdata back as the same light
// userdata, and rejects any other userdata like skynet rejects full ones.
package lseri
