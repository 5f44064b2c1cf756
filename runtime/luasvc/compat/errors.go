package compat

import (
	"errors"
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// Sentinel errors. Their texts are the ones Lua 5.3/5.4 use, because Lua
// code in the wild matches on them with string.find.
var (
	errNoIntRep            = errors.New("number has no integer representation")
	errIntOverflow         = errors.New("integer overflow")
	errUnsignedOverflow    = errors.New("unsigned overflow")
	errNoValue             = errors.New("no value")
	errDataTooShort        = errors.New("data string too short")
	errPosOutOfString      = errors.New("initial position out of string")
	errStringZeros         = errors.New("string contains zeros")
	errStringTooLong       = errors.New("string longer than given size")
	errLenTooBig           = errors.New("string length does not fit in given size")
	errUnfinishedZ         = errors.New("unfinished string for format 'z'")
	errVariableLength      = errors.New("variable-length format")
	errResultTooLarge      = errors.New("format result too large")
	errBadXOption          = errors.New("invalid next option for option 'X'")
	errAlignNotPow2        = errors.New("format asks for alignment not power of 2")
	errInexact             = errors.New("cannot be represented exactly in a Lua number")
	errTooManyResults      = errors.New("too many results to unpack")
	errOutOfBounds         = errors.New("out of bounds")
	errInitialOutOfBounds  = errors.New("initial position out of bounds")
	errFinalOutOfBounds    = errors.New("final position out of bounds")
	errPositionOutOfBounds = errors.New("position out of bounds")
	errInvalidUTF8         = errors.New("invalid UTF-8 code")
	errValueOutOfRange     = errors.New("value out of range")
	errValueExpected       = errors.New("value expected")
	errNoLiteral           = errors.New("value has no literal form")
	errTooManyToMove       = errors.New("too many elements to move")
	errWrapAround          = errors.New("destination wrap around")
)

// argError is an error about one argument of a Lua call. raise turns it into
// luaL_argerror's wording, "bad argument #N to 'name' (...)".
type argError struct {
	pos int
	err error
}

func (e *argError) Error() string { return fmt.Sprintf("argument #%d: %v", e.pos, e.err) }
func (e *argError) Unwrap() error { return e.err }

// badArg ties err to argument pos.
func badArg(pos int, err error) error { return &argError{pos: pos, err: err} }

// typeError reports that argument pos is not of the wanted type. It reads the
// stack only to name what it got.
func typeError(L *lua.LState, pos int, want string) error {
	return badArg(pos, fmt.Errorf("%s expected, got %s", want, typeNameAt(L, pos)))
}

// typeNameAt names the value at pos the way luaL_typeerror does, including
// "no value" for an absent argument (gopher-lua would say "nil").
func typeNameAt(L *lua.LState, pos int) string {
	if pos > L.GetTop() {
		return "no value"
	}
	return L.Get(pos).Type().String()
}

// raise converts err into a Lua error and unwinds; it does not return.
// fname is the function name Lua would print (the field name, not
// "string.pack"), so that messages match real Lua.
func raise(L *lua.LState, fname string, err error) {
	var ae *argError
	if errors.As(err, &ae) {
		L.RaiseError("bad argument #%d to '%s' (%s)", ae.pos, fname, ae.err.Error())
		return
	}
	L.RaiseError("%s", err.Error())
}
