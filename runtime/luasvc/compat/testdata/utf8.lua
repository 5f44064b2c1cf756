-- The Lua 5.4 utf8 library.

local euro = "\226\130\172"      -- U+20AC
local hello = "h\195\169llo"     -- "hello" with an e-acute
local emoji = "\240\159\152\128" -- U+1F600

-- utf8.char encodes, up to the 31-bit limit.
eq(utf8.char(72, 105), "Hi")
eq(utf8.char(0x20AC), euro)
eq(utf8.char(0x1F600), emoji)
eq(utf8.char(), "")
eq(utf8.char(0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000),
  "\127\194\128\223\191\224\160\128\239\191\191\240\144\128\128")
eq(utf8.char(0x7FFFFFFF), "\253\191\191\191\191\191")
raises("bad argument #1 to 'char' (value out of range)", utf8.char, 0x80000000)
raises("bad argument #2 to 'char' (value out of range)", utf8.char, 65, -1)
raises("bad argument #1 to 'char' (number has no integer representation)", utf8.char, 1.5)

-- charpattern matches one sequence.
local chars = {}
for c in string.gmatch(hello, utf8.charpattern) do chars[#chars + 1] = c end
eq(#chars, 5)
eq(chars[2], "\195\169")

-- utf8.codepoint.
eq(utf8.codepoint("A"), 65)
eq(utf8.codepoint(hello, 2), 0xE9)
local a, b, c = utf8.codepoint(hello, 1, 4)
eq(a, 104) eq(b, 0xE9) eq(c, 108)
eq(select("#", utf8.codepoint(hello, 1, -1)), 5)
eq(select("#", utf8.codepoint(hello, 3, 2)), 0)
eq(utf8.codepoint(euro, -3), 0x20AC)
raises("bad argument #2 to 'codepoint' (out of bounds)", utf8.codepoint, "abc", 0)
raises("bad argument #3 to 'codepoint' (out of bounds)", utf8.codepoint, "abc", 1, 4)
raises("invalid UTF-8 code", utf8.codepoint, "\255")
raises("invalid UTF-8 code", utf8.codepoint, hello, 3) -- a continuation byte
raises("invalid UTF-8 code", utf8.codepoint, "\237\160\128") -- surrogate, strict
eq(utf8.codepoint("\237\160\128", 1, 1, true), 0xD800) -- lax accepts it
raises("invalid UTF-8 code", utf8.codepoint, "\192\128") -- overlong

-- utf8.len counts characters or reports the first bad byte.
eq(utf8.len(hello), 5)
eq(utf8.len(""), 0)
eq(utf8.len(hello, 4), 3)
eq(utf8.len(hello, 1, 2), 2)
eq(utf8.len(hello, -2), 2)
eq(utf8.len("abc", 4), 0)
local n, pos = utf8.len(hello, 3) -- starts on a continuation byte
eq(n, nil) eq(pos, 3)
n, pos = utf8.len("ab\255cd")
eq(n, nil) eq(pos, 3)
eq(utf8.len("\237\160\128"), nil)
eq(utf8.len("\237\160\128", 1, -1, true), 1)
raises("bad argument #2 to 'len' (initial position out of bounds)", utf8.len, "abc", 5)
raises("bad argument #3 to 'len' (final position out of bounds)", utf8.len, "abc", 1, 4)

-- utf8.offset finds where the n-th character starts.
eq(utf8.offset(hello, 1), 1)
eq(utf8.offset(hello, 2), 2)
eq(utf8.offset(hello, 3), 4)
eq(utf8.offset(hello, 6), 7) -- one past the end
eq(utf8.offset(hello, 7), nil)
eq(utf8.offset(hello, -1), 6)
eq(utf8.offset(hello, -4), 2)
eq(utf8.offset(hello, -6), nil)
eq(utf8.offset(hello, 0, 3), 2) -- start of the character holding byte 3
eq(utf8.offset(hello, 2, 2), 4)
raises("initial position is a continuation byte", utf8.offset, hello, 1, 3)
raises("bad argument #3 to 'offset' (position out of bounds)", utf8.offset, "abc", 1, 5)

-- utf8.codes iterates positions and code points.
do
  local got = {}
  for p, c in utf8.codes("a" .. euro .. "b") do got[#got + 1] = p .. ":" .. c end
  eq(table.concat(got, " "), "1:97 2:8364 5:98")
  local count = 0
  for _ in utf8.codes("") do count = count + 1 end
  eq(count, 0)
  raises("invalid UTF-8 code", function() for _ in utf8.codes("a\255") do end end)
  raises("invalid UTF-8 code", function() for _ in utf8.codes("\237\160\128") do end end)
  for _, c in utf8.codes("\237\160\128", true) do eq(c, 0xD800) end
  raises("bad argument #1 to 'codes' (invalid UTF-8 code)", utf8.codes, "\128")
end

-- require finds the library.
eq(require("utf8"), utf8)
