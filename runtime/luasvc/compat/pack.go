package compat

import (
	"fmt"
	"math"
	"slices"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// string.pack, string.packsize and string.unpack with Lua 5.3 semantics.
// Integers travel as float64, so packing refuses non-integral numbers and
// unpacking refuses integers that float64 would round.

func strPack(L *lua.LState) int {
	format := checkString(L, 1, "pack")
	var scratch [64]byte // most packed messages fit; append grows beyond
	out, err := appendPack(scratch[:0], L, format)
	if err != nil {
		raise(L, "pack", err)
	}
	L.Push(lua.LString(out))
	return 1
}

// appendPack encodes the arguments from stack position 2 on according to
// format and appends them to dst.
func appendPack(dst []byte, L *lua.LState, format string) ([]byte, error) {
	r := newPackReader(format)
	arg := 1
	total := 0
	for r.more() {
		opt, err := r.next(total)
		if err != nil {
			return nil, err
		}
		total += opt.align + opt.size
		dst = appendZeros(dst, opt.align)
		arg++
		switch opt.kind {
		case kindInt:
			n, err := intArg(L, arg)
			if err != nil {
				return nil, err
			}
			if opt.size < 8 {
				lim := int64(1) << (opt.size*8 - 1)
				if n < -lim || n >= lim {
					return nil, badArg(arg, errIntOverflow)
				}
			}
			dst = appendInt(dst, uint64(n), r.little, opt.size, n < 0)
		case kindUint:
			u, err := uintArg(L, arg, opt.size)
			if err != nil {
				return nil, err
			}
			dst = appendInt(dst, u, r.little, opt.size, false)
		case kindFloat:
			f, err := numberArg(L, arg)
			if err != nil {
				return nil, err
			}
			dst = appendInt(dst, uint64(math.Float32bits(float32(f))), r.little, 4, false)
		case kindDouble:
			f, err := numberArg(L, arg)
			if err != nil {
				return nil, err
			}
			dst = appendInt(dst, math.Float64bits(f), r.little, 8, false)
		case kindChar:
			s, err := stringArg(L, arg)
			if err != nil {
				return nil, err
			}
			if len(s) > opt.size {
				return nil, badArg(arg, errStringTooLong)
			}
			dst = append(dst, s...)
			dst = appendZeros(dst, opt.size-len(s))
		case kindString:
			s, err := stringArg(L, arg)
			if err != nil {
				return nil, err
			}
			if opt.size < 8 && uint64(len(s)) >= uint64(1)<<(opt.size*8) {
				return nil, badArg(arg, errLenTooBig)
			}
			dst = appendInt(dst, uint64(len(s)), r.little, opt.size, false)
			dst = append(dst, s...)
			total += len(s)
		case kindZstr:
			s, err := stringArg(L, arg)
			if err != nil {
				return nil, err
			}
			if strings.IndexByte(s, 0) >= 0 {
				return nil, badArg(arg, errStringZeros)
			}
			dst = append(dst, s...)
			dst = append(dst, 0)
			total += len(s) + 1
		case kindPadding:
			dst = append(dst, 0)
			arg--
		default: // kindPadAlign, kindNop consume no argument
			arg--
		}
	}
	return dst, nil
}

// uintArg reads an argument for an unsigned field of size bytes. Narrow
// fields use Lua's check (the value as unsigned must fit); 8-byte and wider
// fields also take 2^63..2^64-1, which a float64 can carry but Lua cannot.
func uintArg(L *lua.LState, arg, size int) (uint64, error) {
	if size >= 8 {
		f, err := numberArg(L, arg)
		if err != nil {
			return 0, err
		}
		u, ok := floatToUint64(f)
		if !ok {
			return 0, badArg(arg, errNoIntRep)
		}
		return u, nil
	}
	n, err := intArg(L, arg)
	if err != nil {
		return 0, err
	}
	if uint64(n) >= uint64(1)<<(size*8) {
		return 0, badArg(arg, errUnsignedOverflow)
	}
	return uint64(n), nil
}

// appendInt writes the low size bytes of v; bytes past the eighth repeat the
// sign (0xff when neg) as C Lua's packint does.
func appendInt(dst []byte, v uint64, little bool, size int, neg bool) []byte {
	start := len(dst)
	for i := 0; i < size; i++ {
		var b byte
		switch {
		case i < 8:
			b = byte(v >> (8 * i))
		case neg:
			b = 0xff
		}
		dst = append(dst, b)
	}
	if !little {
		for i, j := start, len(dst)-1; i < j; i, j = i+1, j-1 {
			dst[i], dst[j] = dst[j], dst[i]
		}
	}
	return dst
}

func appendZeros(dst []byte, n int) []byte {
	if n <= 0 {
		return dst
	}
	start := len(dst)
	dst = slices.Grow(dst, n)[:start+n]
	clear(dst[start:])
	return dst
}

func strPackSize(L *lua.LState) int {
	format := checkString(L, 1, "packsize")
	n, err := packSize(format)
	if err != nil {
		raise(L, "packsize", err)
	}
	L.Push(lua.LNumber(n))
	return 1
}

func packSize(format string) (int, error) {
	r := newPackReader(format)
	total := 0
	for r.more() {
		opt, err := r.next(total)
		if err != nil {
			return 0, err
		}
		if opt.kind == kindString || opt.kind == kindZstr {
			return 0, badArg(1, errVariableLength)
		}
		size := opt.size + opt.align
		if total > maxPackLen-size {
			return 0, badArg(1, errResultTooLarge)
		}
		total += size
	}
	return total, nil
}

func strUnpack(L *lua.LState) int {
	format := checkString(L, 1, "unpack")
	data := checkString(L, 2, "unpack")
	init := optInt(L, 3, "unpack", 1)
	n, err := unpackValues(L, format, data, init)
	if err != nil {
		raise(L, "unpack", err)
	}
	return n
}

// unpackValues pushes the decoded values and the next read position and
// returns how many values it pushed.
func unpackValues(L *lua.LState, format, data string, init int64) (int, error) {
	pos, ok := startPos(init, len(data))
	if !ok {
		return 0, badArg(3, errPosOutOfString)
	}
	r := newPackReader(format)
	n := 0
	for r.more() {
		opt, err := r.next(pos)
		if err != nil {
			return 0, err
		}
		if opt.align+opt.size > len(data)-pos {
			return 0, badArg(2, errDataTooShort)
		}
		pos += opt.align
		// Strings are cloned below so that a small field does not keep a
		// large message alive.
		field := data[pos : pos+opt.size]
		switch opt.kind {
		case kindInt, kindUint:
			v, err := decodeInt(field, r.little, opt.kind == kindInt)
			if err != nil {
				return 0, err
			}
			L.Push(v)
		case kindFloat:
			bits := readUint(field, r.little)
			L.Push(lua.LNumber(math.Float32frombits(uint32(bits))))
		case kindDouble:
			L.Push(lua.LNumber(math.Float64frombits(readUint(field, r.little))))
		case kindChar:
			L.Push(lua.LString(strings.Clone(field)))
		case kindString:
			size, err := readLength(field, r.little)
			if err != nil {
				return 0, err
			}
			rest := uint64(len(data) - pos - opt.size)
			if size > rest {
				return 0, badArg(2, errDataTooShort)
			}
			start := pos + opt.size
			L.Push(lua.LString(strings.Clone(data[start : start+int(size)])))
			pos += int(size)
		case kindZstr:
			end := strings.IndexByte(data[pos:], 0)
			if end < 0 {
				return 0, badArg(2, errUnfinishedZ)
			}
			L.Push(lua.LString(strings.Clone(data[pos : pos+end])))
			pos += end + 1
		default:
			n-- // padding and state changes yield no value
		}
		n++
		pos += opt.size
	}
	L.Push(lua.LNumber(pos + 1))
	return n + 1, nil
}

// startPos turns unpack's 1-based, possibly negative init into a 0-based
// offset, rejecting anything outside [0, len] as Lua does.
func startPos(init int64, length int) (int, bool) {
	switch {
	case init > 0:
		init--
	case init == 0:
		return 0, false
	case -init > int64(length):
		return 0, false
	default:
		init += int64(length)
	}
	if init > int64(length) {
		return 0, false
	}
	return int(init), true
}

// readUint reads up to eight bytes as an unsigned integer.
func readUint(field string, little bool) uint64 {
	var v uint64
	for i := len(field) - 1; i >= 0; i-- {
		idx := i
		if !little {
			idx = len(field) - 1 - i
		}
		v = v<<8 | uint64(field[idx])
	}
	return v
}

// readWide reads an integer field of any size into 64 bits. Fields wider
// than eight bytes must carry only sign extension in the extra bytes.
func readWide(field string, little, signed bool) (uint64, error) {
	size := len(field)
	if size <= 8 {
		v := readUint(field, little)
		if signed && size < 8 {
			mask := uint64(1) << (size*8 - 1)
			v = (v ^ mask) - mask
		}
		return v, nil
	}
	low := field[:8]
	high := field[8:]
	if !little {
		low = field[size-8:]
		high = field[:size-8]
	}
	v := readUint(low, little)
	var fill byte
	if signed && int64(v) < 0 {
		fill = 0xff
	}
	for i := 0; i < len(high); i++ {
		if high[i] != fill {
			return 0, fmt.Errorf("%d-byte integer does not fit into Lua Integer", size)
		}
	}
	return v, nil
}

// decodeInt reads an integer field and converts it to a Lua number,
// refusing values that float64 would round.
func decodeInt(field string, little, signed bool) (lua.LNumber, error) {
	v, err := readWide(field, little, signed)
	if err != nil {
		return 0, err
	}
	if signed {
		f, ok := intToFloat(int64(v))
		if !ok {
			return 0, fmt.Errorf("string.unpack: integer %d %w", int64(v), errInexact)
		}
		return lua.LNumber(f), nil
	}
	f, ok := uintToFloat(v)
	if !ok {
		return 0, fmt.Errorf("string.unpack: integer %d %w", v, errInexact)
	}
	return lua.LNumber(f), nil
}

// readLength reads the count in front of an 's' string.
func readLength(field string, little bool) (uint64, error) {
	return readWide(field, little, false)
}
