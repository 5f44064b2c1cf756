package tracer

import "errors"

// ErrFormat is returned (wrapped, with a line number) by ReadJSONL for a
// line that is not a valid trace event.
var ErrFormat = errors.New("tracer: bad trace line")
