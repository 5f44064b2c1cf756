package lseri

import (
	"errors"
	"strconv"
)

var (
	// ErrInexactInteger matches every [*InexactIntegerError].
	ErrInexactInteger = errors.New("seri: integer cannot be represented exactly in a Lua number")

	// ErrSparseKey is returned when an integer key would make gopher-lua
	// grow a table's array part by more than [MaxSparseSlots].
	ErrSparseKey = errors.New("seri: integer key too sparse for a gopher-lua table")

	// ErrNoState is returned when a table with __pairs is packed without
	// an LState to call the metamethod in.
	ErrNoState = errors.New("seri: __pairs needs an LState")
)

// InexactIntegerError reports a wire integer that a float64 Lua number
// would round. Failing beats delivering a silently different number.
type InexactIntegerError struct {
	Value int64
}

func (e *InexactIntegerError) Error() string {
	return "seri: integer " + strconv.FormatInt(e.Value, 10) + " cannot be represented exactly in a Lua number"
}

// Is lets errors.Is(err, ErrInexactInteger) match.
func (e *InexactIntegerError) Is(target error) bool { return target == ErrInexactInteger }
