package compat

import (
	lua "github.com/yuin/gopher-lua"
)

// The Lua 5.4 utf8 library. Go's unicode/utf8 is not used because Lua
// encodes and (with lax) decodes the original 31-bit UTF-8, up to six
// bytes, and reports errors by byte position.

const (
	maxUnicode = 0x10FFFF
	maxUTF     = 0x7FFFFFFF
	// charPattern matches exactly one UTF-8 byte sequence.
	charPattern = "[\x00-\x7F\xC2-\xFD][\x80-\xBF]*"
)

func isCont(s string, i int) bool { return i < len(s) && s[i]&0xC0 == 0x80 }

// utf8Decode decodes the sequence at s[i:], returning the code point and the
// index after it, or ok=false for an invalid sequence (lutf8lib's
// utf8_decode). strict rejects surrogates and values above U+10FFFF.
func utf8Decode(s string, i int, strict bool) (code uint32, next int, ok bool) {
	limits := [...]uint32{^uint32(0), 0x80, 0x800, 0x10000, 0x200000, 0x4000000}
	c := uint32(s[i])
	if c < 0x80 {
		code = c
	} else {
		count := 0
		for ; c&0x40 != 0; c <<= 1 {
			count++
			if !isCont(s, i+count) {
				return 0, 0, false
			}
			code = code<<6 | uint32(s[i+count]&0x3F)
		}
		if count > 5 {
			return 0, 0, false
		}
		code |= (c & 0x7F) << (count * 5)
		if code > maxUTF || code < limits[count] {
			return 0, 0, false
		}
		i += count
	}
	if strict && (code > maxUnicode || (code >= 0xD800 && code <= 0xDFFF)) {
		return 0, 0, false
	}
	return code, i + 1, true
}

// utf8Encode appends x in (extended) UTF-8.
func utf8Encode(dst []byte, x uint32) []byte {
	if x < 0x80 {
		return append(dst, byte(x))
	}
	var buf [6]byte
	n := len(buf)
	mfb := uint32(0x3f) // largest value that fits in the first byte
	for {
		n--
		buf[n] = byte(0x80 | x&0x3f)
		x >>= 6
		mfb >>= 1
		if x <= mfb {
			break
		}
	}
	n--
	buf[n] = byte(^mfb<<1 | x)
	return append(dst, buf[n:]...)
}

// relPos is u_posrelat: negative positions count from the end; too
// negative becomes 0.
func relPos(pos int64, length int) int64 {
	switch {
	case pos >= 0:
		return pos
	case -pos > int64(length):
		return 0
	}
	return int64(length) + pos + 1
}

func utf8Char(L *lua.LState) int {
	n := L.GetTop()
	var scratch [32]byte
	out := scratch[:0]
	for i := 1; i <= n; i++ {
		code := checkInt(L, i, "char")
		if uint64(code) > maxUTF {
			raise(L, "char", badArg(i, errValueOutOfRange))
		}
		out = utf8Encode(out, uint32(code))
	}
	L.Push(lua.LString(out))
	return 1
}

func utf8Codepoint(L *lua.LState) int {
	s := checkString(L, 1, "codepoint")
	posi := relPos(optInt(L, 2, "codepoint", 1), len(s))
	pose := relPos(optInt(L, 3, "codepoint", posi), len(s))
	lax := lua.LVAsBool(L.Get(4))
	if posi < 1 {
		raise(L, "codepoint", badArg(2, errOutOfBounds))
	}
	if pose > int64(len(s)) {
		raise(L, "codepoint", badArg(3, errOutOfBounds))
	}
	n := 0
	for i := int(posi - 1); i < int(pose); n++ {
		code, next, ok := utf8Decode(s, i, !lax)
		if !ok {
			raise(L, "codepoint", errInvalidUTF8)
		}
		L.Push(lua.LNumber(code))
		i = next
	}
	return n
}

// utf8Len returns the number of characters in s[i..j], or nil and the
// position of the first invalid byte.
func utf8Len(L *lua.LState) int {
	s := checkString(L, 1, "len")
	posi := relPos(optInt(L, 2, "len", 1), len(s))
	posj := relPos(optInt(L, 3, "len", -1), len(s))
	lax := lua.LVAsBool(L.Get(4))
	if posi < 1 || posi-1 > int64(len(s)) {
		raise(L, "len", badArg(2, errInitialOutOfBounds))
	}
	if posj-1 >= int64(len(s)) {
		raise(L, "len", badArg(3, errFinalOutOfBounds))
	}
	n := 0
	for i := int(posi - 1); int64(i) <= posj-1; n++ {
		_, next, ok := utf8Decode(s, i, !lax)
		if !ok {
			L.Push(lua.LNil)
			L.Push(lua.LNumber(i + 1))
			return 2
		}
		i = next
	}
	L.Push(lua.LNumber(n))
	return 1
}

// utf8Offset returns the byte position where the n-th character (counted
// from position i) starts.
func utf8Offset(L *lua.LState) int {
	s := checkString(L, 1, "offset")
	n := checkInt(L, 2, "offset")
	def := int64(1)
	if n < 0 {
		def = int64(len(s)) + 1
	}
	posi := relPos(optInt(L, 3, "offset", def), len(s))
	if posi < 1 || posi-1 > int64(len(s)) {
		raise(L, "offset", badArg(3, errPositionOutOfBounds))
	}
	p := int(posi - 1)
	if n == 0 {
		for p > 0 && isCont(s, p) {
			p--
		}
		L.Push(lua.LNumber(p + 1))
		return 1
	}
	if isCont(s, p) {
		L.RaiseError("initial position is a continuation byte")
	}
	if n < 0 {
		for n < 0 && p > 0 {
			p--
			for p > 0 && isCont(s, p) {
				p--
			}
			n++
		}
	} else {
		n-- // the character at p is the first
		for n > 0 && p < len(s) {
			p++
			for isCont(s, p) {
				p++
			}
			n--
		}
	}
	if n != 0 {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(p + 1))
	return 1
}

// utf8Codes returns the strict or lax iterator, both kept as upvalues.
func utf8Codes(L *lua.LState) int {
	s := checkString(L, 1, "codes")
	if isCont(s, 0) {
		raise(L, "codes", badArg(1, errInvalidUTF8))
	}
	iter := lua.UpvalueIndex(1)
	if lua.LVAsBool(L.Get(2)) {
		iter = lua.UpvalueIndex(2)
	}
	L.Push(L.Get(iter))
	L.Push(lua.LString(s))
	L.Push(lua.LNumber(0))
	return 3
}

func utf8IterStrict(L *lua.LState) int { return utf8Iter(L, true) }
func utf8IterLax(L *lua.LState) int    { return utf8Iter(L, false) }

// utf8Iter steps from the character at control position n to the next.
func utf8Iter(L *lua.LState, strict bool) int {
	s := checkString(L, 1, "codes")
	f, _ := toNumber(L.Get(2))
	n, _ := floatToInt(f)
	i := int(n)
	if n < 0 || n > int64(len(s)) {
		return 0
	}
	for isCont(s, i) {
		i++
	}
	if i >= len(s) {
		return 0
	}
	code, next, ok := utf8Decode(s, i, strict)
	if !ok || isCont(s, next) {
		L.RaiseError("%s", errInvalidUTF8)
	}
	L.Push(lua.LNumber(i + 1))
	L.Push(lua.LNumber(code))
	return 2
}

// openUTF8 creates the global utf8 table and registers it as a loaded
// module so that require "utf8" finds it.
func openUTF8(L *lua.LState) {
	u := L.CreateTable(0, 7)
	register(L, u,
		fn{"char", utf8Char},
		fn{"codepoint", utf8Codepoint},
		fn{"len", utf8Len},
		fn{"offset", utf8Offset},
	)
	u.RawSetString("codes", L.NewClosure(utf8Codes,
		L.NewFunction(utf8IterStrict), L.NewFunction(utf8IterLax)))
	u.RawSetString("charpattern", lua.LString(charPattern))
	L.SetGlobal("utf8", u)
	if loaded, ok := L.G.Registry.RawGetString("_LOADED").(*lua.LTable); ok {
		loaded.RawSetString("utf8", u)
	}
}
