package seri

// Table is the Go form of a Lua table on the wire. Array holds the array
// part (indices 1..len(Array), nil for holes) and Hash every other pair in
// the order it was written or read. Keeping the order is what lets a
// caller reproduce skynet's bytes exactly; peers must not depend on it.
type Table struct {
	Array []any
	Hash  []KV
}

// KV is one hash-part entry of a [Table].
type KV struct {
	Key   any
	Value any
}

// Userdata is a light userdata: a bare pointer value that only means
// something inside the process that produced it.
type Userdata uint64
