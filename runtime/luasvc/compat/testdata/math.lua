-- math.type, tointeger, ult, maxinteger/mininteger, huge, log with a base.

-- math.type: integral values in int64 range are "integer" (1.0 included:
-- this VM cannot tell 1 from 1.0).
eq(math.type(1), "integer")
eq(math.type(-0), "integer")
eq(math.type(2^53), "integer")
eq(math.type(2^62), "integer")
eq(math.type(-2^63), "integer")
eq(math.type(1.5), "float")
eq(math.type(2^63), "float") -- outside int64
eq(math.type(1e300), "float")
eq(math.type(math.huge), "float")
eq(math.type(0/0), "float")
eq(math.type("1"), nil) -- strings are not numbers here
eq(math.type({}), nil)
eq(math.type(nil), nil)
raises("bad argument #1 to 'type' (value expected)", math.type)

-- math.tointeger returns the value or nil (fail).
eq(math.tointeger(3), 3)
eq(math.tointeger(3.0), 3)
eq(math.tointeger(-2^63), -2^63)
eq(math.tointeger(3.5), nil)
eq(math.tointeger(2^63), nil)
eq(math.tointeger(0/0), nil)
eq(math.tointeger(math.huge), nil)
eq(math.tointeger("8"), 8)
eq(math.tointeger("x"), nil)
eq(math.tointeger({}), nil)
raises("bad argument #1 to 'tointeger' (value expected)", math.tointeger)

-- math.ult compares as unsigned 64-bit.
eq(math.ult(1, 2), true)
eq(math.ult(2, 1), false)
eq(math.ult(1, -1), true) -- -1 is 2^64-1 unsigned
eq(math.ult(-1, 1), false)
eq(math.ult(math.maxinteger, math.mininteger), true)
raises("bad argument #2 to 'ult' (number has no integer representation)", math.ult, 1, 1.5)
raises("bad argument #1 to 'ult' (number expected, got nil)", math.ult, nil, 1)

-- maxinteger is the largest float64 below 2^63; mininteger is -2^63.
eq(math.maxinteger, 2^63 - 1024)
eq(math.mininteger, -2^63)
assert(math.maxinteger > 2^53)
assert(math.mininteger < -2^53)
assert(math.maxinteger < 2^63)
eq(math.type(math.maxinteger), "integer")
eq(math.type(math.mininteger), "integer")
eq(math.tointeger(math.maxinteger), math.maxinteger)
eq(string.format("%d", math.maxinteger), "9223372036854774784")
eq(string.format("%d", math.mininteger), "-9223372036854775808")

-- math.huge is +Inf, not the largest finite float.
eq(math.huge, 1/0)
assert(math.huge > 1.7976931348623157e308)
eq(-math.huge, -1/0)

-- math.log takes an optional base.
eq(math.log(8, 2), 3)
eq(math.log(1000, 10), 3)
assert(math.abs(math.log(81, 3) - 4) < 1e-15)
eq(math.log(1), 0)
assert(math.abs(math.log(math.exp(2)) - 2) < 1e-15)
raises("bad argument #1 to 'log' (number expected, got no value)", math.log)
raises("bad argument #2 to 'log' (number expected, got table)", math.log, 2, {})
