package lsproto

import (
	"errors"
	"strconv"
)

// Sentinel errors of the binding. Codec errors come from package sproto and
// wrap its sentinels; these cover what only the Lua side can get wrong.
var (
	// ErrInexactInteger matches every [*InexactIntegerError].
	ErrInexactInteger = errors.New("sproto: integer cannot be represented exactly in a Lua number")
	// ErrSparseKey: a decoded map key would make gopher-lua allocate a
	// long run of empty array slots (see [MaxSparseSlots]).
	ErrSparseKey = errors.New("sproto: integer key too sparse for a gopher-lua table")
	// ErrNaNKey: a decoded map has a NaN key, which no Lua table can hold.
	ErrNaNKey = errors.New("sproto: table index is NaN")
	// ErrSlot: a Store slot index outside 0..MaxSlots-1.
	ErrSlot = errors.New("sproto: invalid global slot index")
	// ErrEmptySlot: loading a Store slot nothing was saved to.
	ErrEmptySlot = errors.New("sproto: nil sproto in global slot")
)

// InexactIntegerError reports a decoded integer that a float64 Lua number
// would round. Failing beats handing the script a silently different id.
type InexactIntegerError struct {
	Value int64
}

func (e *InexactIntegerError) Error() string {
	return "sproto: integer " + strconv.FormatInt(e.Value, 10) + " cannot be represented exactly in a Lua number"
}

// Is lets errors.Is(err, ErrInexactInteger) match.
func (e *InexactIntegerError) Is(target error) bool { return target == ErrInexactInteger }
