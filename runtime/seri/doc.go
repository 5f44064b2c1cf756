// Package seri implements the byte format of skynet.pack / skynet.unpack
// (skynet's lua-seri), the payload of every "lua" message and of cluster
// requests and responses.
//
// A stream is the concatenation of its values with no count or
// terminator. Each value is a tag byte (type in the low 3 bits, a cookie in
// the high 5) and a payload; multi-byte numbers are little-endian. Integers
// use the shortest of 0/1/2/4/8 bytes that skynet would pick, reals are
// always 8-byte IEEE doubles, tables are an array part followed by
// key/value pairs and a nil terminator.
//
// The package has two layers:
//
//   - [Encoder] and [Decoder] are allocation-free building blocks that write
//     or read one value header at a time. The Lua bridge
//     (runtime/luasvc/lseri) drives them directly so that no intermediate
//     tree is built on the skynet.call hot path.
//   - [Pack] and [Unpack] map ordinary Go values (see [Pack] for the
//     mapping) for Go services and tests. Tables become *[Table], whose
//     hash part keeps its order so vectors reproduce byte for byte.
//
// Compatibility notes. Packing fails like skynet does: values nested
// deeper than [MaxDepth] give [ErrTooDeep] with skynet's exact text, and
// unsupported types give [*UnsupportedTypeError] ("Unsupport type X to
// serialize"). Decoding hostile input returns a [*StreamError] ("Invalid
// serialize stream N (...)") where skynet prints a C line number; it never
// panics and never preallocates more than the remaining input could fill.
// Unlike skynet, the decoder bounds nesting at [MaxDecodeDepth] and rejects
// NaN table keys up front ([ErrNaNKey]). Hash order on the wire is not
// meaningful: peers must accept any order.
package seri
