-- string.format: strict integer directives, C printf output for the rest.

-- %d and %i need an exact integer value, like Lua 5.3.
eq(string.format("%d", 3), "3")
eq(string.format("%d", 3.0), "3")
eq(string.format("%i", -42), "-42")
eq(string.format("%d", "10"), "10") -- numeric strings convert
raises("bad argument #2 to 'format' (number has no integer representation)", string.format, "%d", 3.5)
raises("bad argument #3 to 'format' (number has no integer representation)", string.format, "%d %d", 1, 0.5)
raises("number has no integer representation", string.format, "%d", 2^63)
raises("number has no integer representation", string.format, "%d", 0/0)
raises("number has no integer representation", string.format, "%i", math.huge)
raises("number has no integer representation", string.format, "%x", 1.5)
raises("number has no integer representation", string.format, "%X", -0.25)
raises("number has no integer representation", string.format, "%c", 65.5)
raises("number has no integer representation", string.format, "%o", 8.5)
raises("bad argument #2 to 'format' (number expected, got string)", string.format, "%d", "x")
raises("bad argument #2 to 'format' (number expected, got table)", string.format, "%f", {})
raises("bad argument #2 to 'format' (no value)", string.format, "%d")
raises("bad argument #3 to 'format' (no value)", string.format, "%s %s", 1)

-- Large integral values print in full, never with an exponent.
eq(string.format("%d", 2^53), "9007199254740992")
eq(string.format("%d", 1e15), "1000000000000000")
eq(string.format("%d", -2^63), "-9223372036854775808")
eq(string.format("%d", math.maxinteger), "9223372036854774784")
eq(string.format("%x", 2^53), "20000000000000")
eq(string.format("%X", 255), "FF")
eq(string.format("%x", -1), "ffffffffffffffff") -- two's complement, as C prints it
eq(string.format("%o", 8), "10")

-- Flags, width and precision with C semantics.
eq(string.format("%5d|%-5d|%05d", 42, 42, 42), "   42|42   |00042")
eq(string.format("%+d % d %+d", 5, 5, -5), "+5  5 -5")
eq(string.format("%.3d|%8.3d|%-8.3d|", 7, -7, 7), "007|    -007|007     |")
eq(string.format("%.0d|", 0), "|")
eq(string.format("%#x %#X %#o %#x", 255, 255, 8, 0), "0xff 0XFF 010 0")
eq(string.format("%08.3f", -3.14159), "-003.142")
eq(string.format("%#010x", 255), "0x000000ff")
eq(string.format("%5.2f", 3.14159), " 3.14")
eq(string.format("%-8.2f|", 2.5), "2.50    |")
eq(string.format("%+.1f", 2.25), "+2.2")
eq(string.format("%f", 1/3), "0.333333")
eq(string.format("%.0f", 2.5), "2")
eq(string.format("%#.0f", 2), "2.")
eq(string.format("%e", 12345.678), "1.234568e+04")
eq(string.format("%.2E", 0.000123), "1.23E-04")
eq(string.format("%g", 1234567), "1.23457e+06")
eq(string.format("%g", 100000), "100000")
eq(string.format("%g", 0.0001), "0.0001")
eq(string.format("%g", 0.00001), "1e-05")
eq(string.format("%g", 0.5), "0.5")
eq(string.format("%g", 2^53), "9.0072e+15")
eq(string.format("%.0g", 5), "5")
eq(string.format("%.3g", 2/3), "0.667")
eq(string.format("%#g", 1), "1.00000")
eq(string.format("%10.3G", 1e-10), "     1E-10")
eq(string.format("%f %f %f", math.huge, -math.huge, 1), "inf -inf 1.000000")
eq(string.format("%5.1f|%-6e|%G", math.huge, -math.huge, math.huge), "  inf|-inf  |INF")
eq(string.format("%+f", math.huge), "+inf")
eq(string.format("%.0f", 0.5), "0")
eq(string.format("%a", 1), "0x1p+0")
eq(string.format("%a", 0.5), "0x1p-1")
eq(string.format("%A", -3), "-0X1.8P+1")
eq(string.format("%.2a", 1), "0x1.00p+0")
eq(string.format("%a", 0), "0x0p+0")

-- %s uses tostring, including __tostring; precision cuts, width pads bytes.
eq(string.format("%s|%s|%s", "a", 12, true), "a|12|true")
eq(string.format("%s", nil), "nil")
eq(string.format("%5s|%-5s|%.2s", "ab", "ab", "abcdef"), "   ab|ab   |ab")
eq(string.format("%3s", "\195\169"), " \195\169") -- two bytes, so one space
local obj = setmetatable({}, {__tostring = function() return "OBJ" end})
eq(string.format("%s", obj), "OBJ")
eq(string.format("%-5s|", obj), "OBJ  |")
eq(string.format("%s", "a\0b"), "a\0b")
raises("bad argument #2 to 'format' (string contains zeros)", string.format, "%5s", "a\0b")
local long = string.rep("x", 120)
eq(string.format("%5s", long), long) -- long strings are copied whole

-- %c writes one byte, %% one percent sign.
eq(string.format("%c%c%c", 76, 117, 97), "Lua")
eq(string.format("%c", 200), "\200")
eq(string.format("%3c|%-3c|", 65, 66), "  A|B  |")
eq(string.format("100%%"), "100%")
eq(string.format("%%d %d", 1), "%d 1")
eq(string.format("%5.1f%%", 99.44), " 99.4%")

-- %q writes a Lua literal that reads back as the same value.
eq(string.format("%q", 'a "quoted"\n\\ line'), '"a \\"quoted\\"\\\n\\\\ line"')
eq(string.format("%q", "\0\1\0011\r\127"), '"\\0\\1\\0011\\13\\127"')
eq(string.format("%q", "\200\255"), '"\200\255"') -- high bytes pass through
eq(string.format("%q", 42), "42")
eq(string.format("%q", -2^63), "-9223372036854775808")
eq(string.format("%q", 0.1), "0.1")
eq(string.format("%q", 1e100), "1e+100")
eq(string.format("%q", math.huge), "1e9999")
eq(string.format("%q", -math.huge), "-1e9999")
eq(string.format("%q", 0/0), "(0/0)")
eq(string.format("%q %q %q", nil, true, false), "nil true false")
for _, v in ipairs{"x\n\"y\"\0z\1\2 9", 0.1, -7, 1e300, 2^53} do
  eq(load("return " .. string.format("%q", v))(), v, "%q round trip")
end
raises("bad argument #2 to 'format' (value has no literal form)", string.format, "%q", {})
raises("specifier '%q' cannot have modifiers", string.format, "%10q", "x")

-- Malformed directives.
raises("invalid conversion '%y' to 'format'", string.format, "%y", 1)
raises("invalid conversion '%' to 'format'", string.format, "%", 1)
raises("invalid conversion specification: '%123d'", string.format, "%123d", 1)
raises("invalid conversion specification: '%.123f'", string.format, "%.123f", 1)
raises("invalid conversion specification: '%1.2.3f'", string.format, "%1.2.3f", 1)
eq(string.format("%------5d|", 1), "1    |") -- repeated flags are fine, as in 5.4
raises("bad argument #1 to 'format' (string expected, got nil)", string.format, nil)

-- Method syntax and number format strings.
eq(("%d-%s"):format(1, "a"), "1-a")
eq(string.format(12), "12")
