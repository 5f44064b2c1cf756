-- string.pack, string.unpack and string.packsize (Lua 5.3 semantics).

-- Byte-exact vectors, checked against C Lua 5.3.
assert(string.pack("<i4", -2) == "\254\255\255\255")
assert(string.pack(">i4", -2) == "\255\255\255\254")
eq(hex(string.pack("<I2", 0x1234)), "3412")
eq(hex(string.pack(">I2", 0x1234)), "1234")
eq(hex(string.pack("b", -1)), "ff")
eq(hex(string.pack("B", 255)), "ff")
eq(hex(string.pack("<h", -32768)), "0080")
eq(hex(string.pack("<H", 65535)), "ffff")
eq(hex(string.pack("<i3", -1)), "ffffff")
eq(hex(string.pack("<l", 1)), "0100000000000000")
eq(hex(string.pack("<j", -1)), "ffffffffffffffff")
eq(hex(string.pack("<J", -1)), "ffffffffffffffff") -- two's complement, as in Lua
eq(hex(string.pack("<T", 258)), "0201000000000000")
eq(hex(string.pack("<f", 1.5)), "0000c03f")
eq(hex(string.pack(">d", 1.5)), "3ff8000000000000")
eq(hex(string.pack("<n", -0.0)), "0000000000000080")
eq(string.pack("s1", "abc"), "\3abc")
eq(string.pack(">s2", "abc"), "\0\3abc")
eq(string.pack("<s", "a"), "\1\0\0\0\0\0\0\0a")
eq(string.pack("z", "abc"), "abc\0")
eq(string.pack("c5", "abc"), "abc\0\0")
eq(string.pack("c0", ""), "")
eq(string.pack("xBx", 7), "\0\7\0")
eq(string.pack("<i16", -1), string.rep("\255", 16))
eq(string.pack("<I16", 1), "\1" .. string.rep("\0", 15))
eq(string.pack(">i9", -2), "\255\255\255\255\255\255\255\255\254")
eq(string.pack("<i2 >i2", 1, 1), "\1\0\0\1") -- spaces ignored, endianness per item
eq(string.pack("=I2", 1), "\1\0") -- native order is little-endian on amd64/arm64
eq(string.pack(""), "")

-- Round trips for every format letter, in every byte order.
local cases = {
  {"b", -128}, {"b", 127}, {"B", 0}, {"B", 255},
  {"h", -32768}, {"H", 65535},
  {"i", -2^31}, {"I", 2^32 - 1}, {"i1", -1}, {"i2", 12345}, {"I3", 2^24 - 1},
  {"i7", -2^53}, {"I7", 2^53}, {"i8", 2^53}, {"i12", -2^53}, {"I16", 2^53},
  {"l", -2^53}, {"L", 2^53}, {"j", 2^53 + 2}, {"J", 2^53}, {"T", 2^40},
  {"f", 0.5}, {"f", -3.25}, {"f", math.huge}, {"d", 0.1}, {"n", math.pi},
  {"d", math.huge}, {"d", -math.huge}, {"n", -0.0},
  {"s", "hello"}, {"s1", ""}, {"s2", string.rep("x", 300)}, {"s16", "wide"},
  {"z", "zero"}, {"z", ""}, {"c3", "abc"},
}
for _, order in ipairs{"<", ">", "=", "!"} do
  for _, c in ipairs(cases) do
    local f = order .. c[1]
    -- Under '!' a 3- or 7-byte integer asks for an alignment that is not a
    -- power of 2, which Lua rejects (tested below).
    if not (order == "!" and c[1]:find("^[iI][37]$")) then
      local packed = string.pack(f, c[2])
      local v, nextpos = string.unpack(f, packed)
      eq(v, c[2], f)
      eq(nextpos, #packed + 1, f .. " next position")
      local letter = c[1]:sub(1, 1)
      if letter ~= "s" and letter ~= "z" then
        eq(string.packsize(f), #packed, f .. " packsize")
      end
    end
  end
end
local nan = string.unpack("<d", string.pack("<d", 0/0))
assert(nan ~= nan, "NaN survives a round trip")
eq(string.unpack("f", string.pack("f", 0.1)), 0.10000000149011612) -- float32 rounding

-- Several values, positions and the init argument.
do
  local s = string.pack("<i2 i4 z B", 1, 2, "hi", 3)
  local a, b, c, d, nxt = string.unpack("<i2 i4 z B", s)
  eq(a, 1) eq(b, 2) eq(c, "hi") eq(d, 3) eq(nxt, #s + 1)
  local t = string.pack("BBB", 1, 2, 3)
  eq(string.unpack("B", t, 2), 2)
  eq(string.unpack("B", t, -1), 3)
  eq(select(2, string.unpack("B", t, 3)), 4)
  eq(select("#", string.unpack("", t, 4)), 1)
  eq(string.unpack("", t, 4), 4)
  raises("bad argument #3 to 'unpack' (initial position out of string)", string.unpack, "B", t, 5)
  raises("initial position out of string", string.unpack, "B", t, 0)
  raises("initial position out of string", string.unpack, "B", t, -4)
  raises("bad argument #2 to 'unpack' (data string too short)", string.unpack, "B", t, 4)
  raises("data string too short", string.unpack, "i4", "abc")
  raises("data string too short", string.unpack, "s1", "\5ab")
  raises("data string too short", string.unpack, "c4", "abc")
  raises("unfinished string for format 'z'", string.unpack, "z", "abc")
  raises("number has no integer representation", string.unpack, "B", t, 1.5)
end

-- Alignment with '!' and 'X'.
eq(hex(string.pack("!<b i4", 1, 2)), "0100000002000000")
eq(string.packsize("!b i4"), 8)
eq(string.packsize("!2 b i4"), 6)
eq(string.packsize("b i4"), 5) -- without '!' nothing is aligned
eq(string.packsize("!8 b d"), 16)
eq(string.packsize("!8 b Xd"), 8) -- X aligns like d and consumes it
eq(string.packsize("!4 b Xi8"), 4) -- alignment is capped by '!'
eq(string.packsize("!b Xh b"), 3)
eq(string.packsize("!b c3 i2"), 6) -- c never needs alignment
eq(hex(string.pack("!4 b Xi4 b", 1, 2)), "0100000002")
do
  local s = string.pack("!8 <b d", 1, 2.5)
  local a, b, nxt = string.unpack("!8 <b d", s)
  eq(a, 1) eq(b, 2.5) eq(nxt, 17)
end
raises("bad argument #1 to 'pack' (invalid next option for option 'X')", string.pack, "X")
raises("invalid next option for option 'X'", string.packsize, "Xc1")
raises("invalid next option for option 'X'", string.packsize, "X<")
raises("format asks for alignment not power of 2", string.packsize, "!4 b i3")
raises("format asks for alignment not power of 2", string.pack, "!4 i3", 1)

-- Format string errors.
raises("integral size (17) out of limits [1,16]", string.packsize, "!17")
raises("integral size (0) out of limits [1,16]", string.pack, "i0", 1)
raises("integral size (17) out of limits [1,16]", string.pack, "I17", 1)
raises("integral size (20) out of limits [1,16]", string.unpack, "s20", "")
raises("missing size for format option 'c'", string.pack, "c", "")
raises("invalid format option 'y'", string.pack, "y")
raises("invalid format option 'y'", string.unpack, "y", "")
raises("bad argument #1 to 'pack' (string expected, got no value)", string.pack)

-- Integer arguments: integral, within the field, like Lua 5.3.
raises("bad argument #2 to 'pack' (number has no integer representation)", string.pack, "i4", 1.5)
raises("number has no integer representation", string.pack, "j", 2^63)
raises("number has no integer representation", string.pack, "j", 0/0)
raises("number has no integer representation", string.pack, "j", math.huge)
raises("bad argument #2 to 'pack' (integer overflow)", string.pack, "i1", 128)
raises("integer overflow", string.pack, "i1", -129)
eq(string.pack("i1", -128), "\128")
raises("integer overflow", string.pack, "i2", 32768)
raises("integer overflow", string.pack, "h", -32769)
raises("integer overflow", string.pack, "i4", 2^31)
raises("unsigned overflow", string.pack, "B", 256)
raises("unsigned overflow", string.pack, "I2", -1)
raises("unsigned overflow", string.pack, "I4", 2^32)
raises("bad argument #3 to 'pack' (integer overflow)", string.pack, "i4 i1", 1, 300)
raises("bad argument #2 to 'pack' (number expected, got string)", string.pack, "i4", "x")
raises("bad argument #2 to 'pack' (number expected, got no value)", string.pack, "i4")
raises("bad argument #2 to 'pack' (number expected, got nil)", string.pack, "d", nil)
eq(string.pack("i4", "10"), string.pack("i4", 10)) -- numeric strings convert
eq(string.pack("i4", " 0x10 "), string.pack("i4", 16))
eq(string.pack("d", "1.5"), string.pack("d", 1.5))
eq(string.pack("z", 12), "12\0") -- numbers convert to strings

-- String arguments.
raises("bad argument #2 to 'pack' (string expected, got table)", string.pack, "z", {})
raises("string contains zeros", string.pack, "z", "a\0b")
raises("string longer than given size", string.pack, "c2", "abc")
raises("string length does not fit in given size", string.pack, "s1", string.rep("x", 256))
eq(#string.pack("s1", string.rep("x", 255)), 256)
raises("variable-length format", string.packsize, "s")
raises("variable-length format", string.packsize, "z")

-- Integers beyond 2^53: exact ones pass, inexact ones are refused.
eq(string.unpack("<J", string.pack("<J", 2^63)), 2^63) -- 8-byte unsigned takes 2^63..2^64-1
eq(hex(string.pack("<J", 2^63)), "0000000000000080")
eq(hex(string.pack("<I9", 2^63)), "000000000000008000")
raises("number has no integer representation", string.pack, "J", 2^64)
raises("number has no integer representation", string.pack, "J", -2^63 - 2048)
eq(string.unpack("<j", string.pack("<j", math.maxinteger)), math.maxinteger)
eq(string.unpack("<j", string.pack("<j", math.mininteger)), math.mininteger)
local odd = "\1\0\0\0\0\0\32\0" -- 2^53 + 1, little-endian
raises("string.unpack: integer 9007199254740993 cannot be represented exactly in a Lua number",
  string.unpack, "<j", odd)
raises("integer 9007199254740993 cannot be represented exactly", string.unpack, "<J", odd)
raises("integer -9007199254740993 cannot", string.unpack, "<j", "\255\255\255\255\255\255\223\255")
raises("integer 18446744073709551615 cannot be represented", string.unpack, "<J", string.rep("\255", 8))
eq(string.unpack("<j", string.rep("\255", 8)), -1)
raises("cannot be represented exactly", string.unpack, "<I7", "\1\0\0\0\0\0\255")
eq(string.unpack("<i9", string.pack("<i9", -5)), -5)
eq(string.unpack(">I12", string.pack(">I12", 2^40)), 2^40)
raises("9-byte integer does not fit into Lua Integer", string.unpack, "<i9", "\0\0\0\0\0\0\0\0\1")
raises("16-byte integer does not fit", string.unpack, "<I16", string.rep("\255", 16))
raises("9-byte integer does not fit", string.unpack, ">i9", "\0\255\255\255\255\255\255\255\255")

-- Method syntax goes through the string metatable.
eq(("<i4"):pack(7), string.pack("<i4", 7))
eq(("<i4"):unpack(("<i4"):pack(7)), 7)
eq(("i4"):packsize(), 4)
