// Package compat is a Lua 5.3/5.4 compatibility prelude for gopher-lua.
//
// skynet services are written for Lua 5.3/5.4; gopher-lua is a Lua 5.1 VM
// whose only number type is float64. Open installs, in Go and without
// compiling any Lua, the library functions such services use:
//
//   - string.pack, string.unpack, string.packsize (all 5.3 options, including
//     alignment with ! and X), and a stricter string.format;
//   - table.pack, table.unpack, table.move;
//   - coroutine.running returning (co, ismain), coroutine.isyieldable,
//     coroutine.close, and a resume/status pair that agree with them;
//   - xpcall passing extra arguments, load with string chunks, chunk names,
//     mode and env, and collectgarbage accepting the 5.3/5.4 options;
//   - math.type, math.tointeger, math.ult, math.maxinteger, math.mininteger,
//     math.huge = +Inf, and math.log with a base;
//   - the utf8 library.
//
// Open expects the base, table, string, math and coroutine libraries to be
// open already (services also get os, which Open leaves alone). It replaces
// some of their functions, so call it after opening them. It is cheap (a few
// dozen small allocations), keeps no package-level state, and may be called
// again on the same state. The functions it installs keep no state of their
// own either, so the library tables it fills may be shared by states that
// run in parallel; only the base functions (xpcall, load, collectgarbage)
// belong in each state's own globals.
//
// # Integers as float64
//
// An "integer" here is a float64 with an exact int64 value. Functions that
// need one (string.pack's integer options, %d, table indices, math.ult)
// raise "number has no integer representation" for anything else. Integers
// are exact only up to 2^53 in magnitude; beyond that, string.unpack refuses
// to round: it raises "integer N cannot be represented exactly in a Lua
// number" rather than return a nearby value. math.maxinteger is 2^63-1024,
// the largest float64 below 2^63, because 2^63-1 has no float64 form.
//
// # Differences from Lua 5.4
//
// These follow from the VM and are deliberate:
//
//   - math.type(1.0) is "integer", and math.type(2^63) is "float".
//   - 8-byte unsigned pack options accept 2^63..2^64-1; unsigned unpack
//     returns the unsigned value (Lua wraps it to a negative integer), so
//     "J" of all 0xff bytes raises instead of returning -1.
//   - %q writes floats in decimal, not hex (gopher-lua cannot read hex
//     floats), and -2^63 in decimal.
//   - string.unpack rejects an init of 0 or before the start, as 5.3 does
//     (5.4 clamps it).
//   - load's env must be a table or nil; binary chunks never load.
//   - coroutine.close of a coroutine that died with an error returns true.
//   - collectgarbage("count") is the whole process's Go heap, shared by all
//     services; "step" returns true at once; the tuning options are no-ops.
//   - Error messages name functions by their field name ('pack', not
//     'string.pack') whatever way they were called.
package compat
