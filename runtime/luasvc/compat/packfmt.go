package compat

import (
	"encoding/binary"
	"fmt"
	"math"
)

// This file reads string.pack format strings. It follows lstrlib.c's
// getoption/getdetails closely, because the alignment rules are subtle and
// byte-for-byte agreement with C Lua is the point.

// packKind is what one format option does.
type packKind uint8

const (
	kindInt      packKind = iota // signed integer: b h i l j
	kindUint                     // unsigned integer: B H I L J T
	kindFloat                    // f: IEEE single
	kindDouble                   // d n: IEEE double
	kindChar                     // cN: fixed-size string
	kindString                   // sN: length-prefixed string
	kindZstr                     // z: zero-terminated string
	kindPadding                  // x: one zero byte
	kindPadAlign                 // Xop: align like op, emit nothing
	kindNop                      // < > = ! and spaces: change state only
)

// Sizes of the C types the letters name, as on the 64-bit platforms skynet
// runs on.
const (
	sizeInt    = 4
	sizeLong   = 8
	sizeSizeT  = 8
	sizeLuaInt = 8
	maxIntSize = 16 // MAXINTSIZE: widest iN/IN accepted
	nativeMax  = 8  // alignment '!' means without a number
	maxPackLen = math.MaxInt32
)

// packOption is one parsed item: its kind, its size in bytes and the
// padding needed before it to honour alignment.
type packOption struct {
	kind  packKind
	size  int
	align int // padding bytes to insert before the item
}

// packReader walks a format string. Its header fields (endianness, maximum
// alignment) change as options are read, as in C.
type packReader struct {
	format   string
	pos      int
	little   bool
	maxAlign int
}

func newPackReader(format string) packReader {
	return packReader{format: format, little: nativeLittle(), maxAlign: 1}
}

// nativeLittle answers '=' (native endianness).
func nativeLittle() bool {
	return binary.NativeEndian.Uint16([]byte{1, 0}) == 1
}

func (r *packReader) more() bool { return r.pos < len(r.format) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// readNum reads an optional decimal size, returning def when there is none.
// Like C it stops before the value could overflow.
func (r *packReader) readNum(def int) int {
	if r.pos >= len(r.format) || !isDigit(r.format[r.pos]) {
		return def
	}
	n := 0
	for r.pos < len(r.format) && isDigit(r.format[r.pos]) && n <= (maxPackLen-9)/10 {
		n = n*10 + int(r.format[r.pos]-'0')
		r.pos++
	}
	return n
}

// readLimit reads a size for i, I, s and ! and checks it is in [1,16].
func (r *packReader) readLimit(def int) (int, error) {
	n := r.readNum(def)
	if n > maxIntSize || n <= 0 {
		return 0, fmt.Errorf("integral size (%d) out of limits [1,%d]", n, maxIntSize)
	}
	return n, nil
}

// option reads one option letter with its size (getoption).
func (r *packReader) option() (packKind, int, error) {
	c := r.format[r.pos]
	r.pos++
	switch c {
	case 'b':
		return kindInt, 1, nil
	case 'B':
		return kindUint, 1, nil
	case 'h':
		return kindInt, 2, nil
	case 'H':
		return kindUint, 2, nil
	case 'l':
		return kindInt, sizeLong, nil
	case 'L':
		return kindUint, sizeLong, nil
	case 'j':
		return kindInt, sizeLuaInt, nil
	case 'J':
		return kindUint, sizeLuaInt, nil
	case 'T':
		return kindUint, sizeSizeT, nil
	case 'f':
		return kindFloat, 4, nil
	case 'd', 'n':
		return kindDouble, 8, nil
	case 'i':
		n, err := r.readLimit(sizeInt)
		return kindInt, n, err
	case 'I':
		n, err := r.readLimit(sizeInt)
		return kindUint, n, err
	case 's':
		n, err := r.readLimit(sizeSizeT)
		return kindString, n, err
	case 'c':
		n := r.readNum(-1)
		if n == -1 {
			return 0, 0, fmt.Errorf("missing size for format option 'c'")
		}
		return kindChar, n, nil
	case 'z':
		return kindZstr, 0, nil
	case 'x':
		return kindPadding, 1, nil
	case 'X':
		return kindPadAlign, 0, nil
	case ' ':
	case '<':
		r.little = true
	case '>':
		r.little = false
	case '=':
		r.little = nativeLittle()
	case '!':
		n, err := r.readLimit(nativeMax)
		if err != nil {
			return 0, 0, err
		}
		r.maxAlign = n
	default:
		return 0, 0, fmt.Errorf("invalid format option '%c'", c)
	}
	return kindNop, 0, nil
}

// next reads one option and works out its alignment padding given the
// number of bytes already produced (getdetails).
func (r *packReader) next(total int) (packOption, error) {
	kind, size, err := r.option()
	if err != nil {
		return packOption{}, err
	}
	align := size
	if kind == kindPadAlign {
		// 'X' borrows the alignment of the option after it and consumes it.
		if !r.more() {
			return packOption{}, badArg(1, errBadXOption)
		}
		nk, ns, err := r.option()
		if err != nil {
			return packOption{}, err
		}
		if nk == kindChar || ns == 0 {
			return packOption{}, badArg(1, errBadXOption)
		}
		align = ns
	}
	opt := packOption{kind: kind, size: size}
	if align <= 1 || kind == kindChar {
		return opt, nil
	}
	if align > r.maxAlign {
		align = r.maxAlign
	}
	if align&(align-1) != 0 {
		return packOption{}, badArg(1, errAlignNotPow2)
	}
	opt.align = (align - total&(align-1)) & (align - 1)
	return opt, nil
}
