// Package sproto implements sproto, the schema-based serialisation and RPC
// layer of skynet (cloudwu/sproto), byte-compatible with the C library and
// its Lua parser and host.
//
// # Schemas
//
// ParseBundle compiles schema text into the binary bundle that
// sprotoparser.parse produces, byte for byte, with the same error messages.
// Load turns a bundle (what sproto.new consumes) into a Schema; Parse does
// both. A Schema is immutable and safe to share between goroutines; types
// and protocols are looked up through precomputed maps.
//
// # Value model
//
// Messages are map[string]any keyed by field name. Decoding produces, and
// encoding accepts:
//
//	integer          int64 (encode: any Go integer, an integral float,
//	                 or a numeric string, as Lua coerces them)
//	integer(N)       float64, the wire integer divided by 10^N (encode: any
//	                 number; x*10^N is rounded half away from zero)
//	double           float64 (encode: any number)
//	string           string (encode: string or []byte)
//	binary           []byte (encode: []byte or string)
//	boolean          bool
//	struct           map[string]any (encode: also *Map with string keys)
//	*T arrays        []any (encode: also typed slices; a nil element ends
//	                 the array, as the first nil ends a Lua sequence)
//	*T(key), *T()    *Map, an insertion-ordered map (encode: also
//	                 map[string]any, written in sorted key order, or []any)
//
// A nil or absent field is not written; fields the schema does not know are
// ignored on encode, and unknown tags are skipped on decode. A message
// value's Lua shape decides the rest: an empty []any is an empty struct and
// an empty map is an empty array, because both are Lua's {}.
//
// sproto writes map entries in the order the Lua table yields them, which
// varies from run to run. Map keeps its insertion order, so a captured
// message can be reproduced byte for byte.
//
// # Packing and RPC
//
// Pack and Unpack implement sproto's 0-packing. Host is sproto.lua's host:
// Attach returns a RequestEncoder for a peer's schema, Dispatch decodes a
// packed packet into a Dispatched request (with a Responder when it carries
// a session) or response. The header-less RequestEncode, ResponseEncode,
// RequestDecode and ResponseDecode live on Schema.
//
// Every error wraps one of the sentinel errors in errors.go; hostile input
// to Load, Decode, Unpack and Dispatch returns an error, never panics, and
// allocates in proportion to the input.
package sproto
