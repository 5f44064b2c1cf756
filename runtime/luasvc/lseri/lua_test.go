package lseri_test

import (
	"errors"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lseri"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// prelude gives the snippets a hex dumper and a structural comparison.
const prelude = `
function hex(s)
	return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
function same(a, b)
	if type(a) ~= "table" or type(b) ~= "table" then
		return a == b or (a ~= a and b ~= b)
	end
	for k, v in pairs(a) do if not same(v, b[k]) then return false end end
	for k in pairs(b) do if a[k] == nil then return false end end
	return true
end
function nest(n, inner)
	local t = inner
	for _ = 1, n do t = {t} end
	return t
end
function fails(want, f, ...)
	local ok, err = pcall(f, ...)
	assert(not ok, "expected an error containing: " .. want)
	assert(string.find(tostring(err), want, 1, true), "error " .. tostring(err) .. " lacks " .. want)
end
`

// newState returns an LState with skynet.pack/unpack backed by the bridge,
// plus lud(n) for a light userdata and fud() for a full one.
func newState(t testing.TB) *lua.LState {
	L := lua.NewState()
	t.Cleanup(L.Close)
	var enc seri.Encoder
	sk := L.NewTable()
	L.SetField(sk, "pack", L.NewFunction(func(L *lua.LState) int {
		enc.Reset()
		if err := lseri.Pack(&enc, L, 1, L.GetTop()); err != nil {
			raise(L, err)
		}
		L.Push(lua.LString(enc.Bytes()))
		return 1
	}))
	L.SetField(sk, "unpack", L.NewFunction(func(L *lua.LState) int {
		if L.Get(1) == lua.LNil {
			return 0
		}
		n, err := lseri.Unpack(L, []byte(L.CheckString(1)))
		if err != nil {
			raise(L, err)
		}
		return n
	}))
	L.SetGlobal("skynet", sk)
	L.SetGlobal("lud", L.NewFunction(func(L *lua.LState) int {
		ud := L.NewUserData()
		ud.Value = seri.Userdata(L.CheckInt(1))
		L.Push(ud)
		return 1
	}))
	L.SetGlobal("fud", L.NewFunction(func(L *lua.LState) int {
		L.Push(L.NewUserData())
		return 1
	}))
	if err := L.DoString(prelude); err != nil {
		t.Fatal(err)
	}
	return L
}

// raise re-raises a Lua error value unchanged and turns Go errors into
// Lua errors.
func raise(L *lua.LState, err error) {
	var apiErr *lua.ApiError
	if errors.As(err, &apiErr) {
		L.Error(apiErr.Object, 0)
	}
	L.RaiseError("%s", err.Error())
}

func TestLuaSnippets(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, code string }{
		{"scalars", `
			local a, b, c, d, e, f = skynet.unpack(skynet.pack(nil, true, false, 42, -1.5, "hi\0x"))
			assert(a == nil and b == true and c == false and d == 42 and e == -1.5 and f == "hi\0x")`},
		{"count_keeps_nils", `assert(select("#", skynet.unpack(skynet.pack(nil, nil, 1))) == 3)`},
		{"empty", `
			assert(skynet.pack() == "")
			assert(select("#", skynet.unpack("")) == 0)
			assert(select("#", skynet.unpack(nil)) == 0)`},
		{"integers", `
			assert(hex(skynet.pack(0)) == "02")
			assert(hex(skynet.pack(1)) == "0a01")
			assert(hex(skynet.pack(255, 256)) == "0aff" .. "120001")
			assert(hex(skynet.pack(-1)) == "22ffffffff")
			assert(hex(skynet.pack(2^31)) == "320000008000000000")
			assert(hex(skynet.pack(-2^63)) == "320000000000000080")`},
		{"reals", `
			assert(hex(skynet.pack(1.5)) == "42000000000000f83f")
			-- gopher-lua's math.huge is MaxFloat64, not infinity.
			assert(hex(skynet.pack(1/0)) == "42000000000000f07f")
			assert(hex(skynet.pack(math.huge)) == "42ffffffffffffef7f")
			assert(hex(skynet.pack(2^63)) == "42000000000000e043")
			local nan = skynet.unpack(skynet.pack(0/0))
			assert(nan ~= nan)`},
		{"integral_floats_become_integers", `
			assert(hex(skynet.pack(3.0)) == "0a03")
			assert(hex(skynet.pack(-0.0)) == "02")
			assert(skynet.unpack(skynet.pack(1e15)) == 1e15)`},
		{"decode_real_keeps_value", `
			local v = skynet.unpack("\066\000\000\000\000\000\000\008\064")
			assert(v == 3)`},
		{"large_exact_integers", `
			assert(skynet.unpack(skynet.pack(2^53)) == 2^53)
			assert(skynet.unpack(skynet.pack(2^60)) == 2^60)
			assert(skynet.unpack(skynet.pack(-2^63)) == -2^63)`},
		{"inexact_integer", `
			fails("seri: integer 9007199254740993 cannot be represented exactly in a Lua number",
				skynet.unpack, "\050\001\000\000\000\000\000\032\000")
			fails("seri: integer 9223372036854775807 cannot be represented exactly",
				skynet.unpack, "\050\255\255\255\255\255\255\255\127")`},
		{"tables_round_trip", `
			local t = {1, "two", {3, x = {y = "z"}}, k = true, [0] = "zero", [-1] = -1, [1.5] = 1.5, [false] = "f"}
			assert(same(skynet.unpack(skynet.pack(t)), t))
			local a, b = skynet.unpack(skynet.pack({}, {{}}))
			assert(next(a) == nil and next(b[1]) == nil)`},
		{"table_key", `
			local k = {1}
			local t = skynet.unpack(skynet.pack({[k] = "v"}))
			local key, val = next(t)
			assert(type(key) == "table" and key ~= k and key[1] == 1 and val == "v")`},
		{"fresh_tables", `
			local t = {1}
			local u = skynet.unpack(skynet.pack(t))
			assert(u ~= t)`},
		{"insertion_order", `
			local t = {}
			t.z = 1; t.a = 2; t.m = 3
			assert(hex(skynet.pack(t)) == "060c7a0a010c610a020c6d0a0300")`},
		{"array_and_hash", `
			assert(hex(skynet.pack({10, 20, name = "x"})) == "160a0a0a14246e616d650c7800")
			assert(hex(skynet.pack({1, 2, nil})) == "160a010a0200")
			assert(hex(skynet.pack({1, nil, 3})) == "1e0a01000a0300")`},
		{"long_array", `
			local t = {}
			for i = 1, 300 do t[i] = i end
			local s = skynet.pack(t)
			assert(hex(s:sub(1, 4)) == "fe122c01")
			assert(same(skynet.unpack(s), t))`},
		{"long_strings", `
			for _, n in ipairs({31, 32, 65535, 65536}) do
				local s = string.rep("z", n)
				assert(skynet.unpack(skynet.pack(s)) == s)
			end
			assert(hex(skynet.pack(string.rep("a", 32))):sub(1, 6) == "152000")`},
		{"pairs_metamethod", `
			local t = setmetatable({1, 2}, {__pairs = function(t)
				local keys, i = {"b", 1}, 0
				return function() i = i + 1; if keys[i] then return keys[i], i end end, t, nil
			end})
			assert(hex(skynet.pack(t)) == "06" .. "0c620a01" .. "0a010a02" .. "00")`},
		{"pairs_error", `
			fails("boom", skynet.pack, setmetatable({}, {__pairs = function() error("boom") end}))`},
		{"unsupported", `
			fails("Unsupport type function to serialize", skynet.pack, print)
			fails("Unsupport type function to serialize", skynet.pack, {f = function() end})
			fails("Unsupport type thread to serialize", skynet.pack, coroutine.create(print))
			fails("Unsupport type userdata to serialize", skynet.pack, 1, fud())`},
		{"light_userdata", `
			local s = skynet.pack(lud(5))
			assert(hex(s) == "030500000000000000")
			local u = skynet.unpack(s)
			assert(type(u) == "userdata" and skynet.pack(u) == s)`},
		{"depth", `
			skynet.pack(nest(32, 1))
			skynet.pack(nest(32, {}))
			fails("serialize can't pack too depth table", skynet.pack, nest(33, 1))
			fails("serialize can't pack too depth table", skynet.pack, nest(33, print))`},
		{"cycles", `
			local t = {}
			t.self = t
			fails("serialize can't pack too depth table", skynet.pack, t)
			local wide = {}
			for i = 1, 100 do wide[i] = wide end
			fails("serialize can't pack too depth table", skynet.pack, wide)`},
		{"invalid_streams", `
			fails("Invalid serialize stream", skynet.unpack, "\007")
			fails("Invalid serialize stream", skynet.unpack, "\030\010\001")
			fails("Invalid serialize stream", skynet.unpack, "\254\012\097")`},
		{"pcall_leaves_stack_clean", `
			local ok = pcall(skynet.unpack, "\010\001\010\002\007")
			assert(not ok)
			assert(select("#", skynet.unpack("\010\001")) == 1)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			L := newState(t)
			if err := L.DoString(tc.code); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestUnpackStackOnError(t *testing.T) {
	t.Parallel()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	L.Push(lua.LString("keep"))
	_, err := lseri.Unpack(L, []byte("\x0a\x01\x2c\x68\x69\x07"))
	if !errors.Is(err, seri.ErrInvalidStream) {
		t.Fatalf("err %v", err)
	}
	if L.GetTop() != 1 || L.Get(1).String() != "keep" {
		t.Fatalf("stack top %d", L.GetTop())
	}
}

func TestUnpackSparseKeys(t *testing.T) {
	t.Parallel()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	key := func(k int64) []byte {
		var e seri.Encoder
		_ = e.BeginTable(0)
		_ = e.WriteInt(k)
		_ = e.WriteBool(true)
		_ = e.EndTable()
		return e.Bytes()
	}
	for _, k := range []int64{1000, lseri.MaxSparseSlots + 1, int64(lua.MaxArrayIndex), 1 << 40} {
		n, err := lseri.Unpack(L, key(k))
		if err != nil || n != 1 {
			t.Fatalf("key %d: %v", k, err)
		}
		if v := L.Get(-1).(*lua.LTable).RawGet(lua.LNumber(k)); v != lua.LTrue {
			t.Errorf("key %d: got %v", k, v)
		}
		L.Pop(1)
	}
	_, err := lseri.Unpack(L, key(60000000))
	if !errors.Is(err, lseri.ErrSparseKey) {
		t.Fatalf("key 60000000: %v", err)
	}
	// The budget is per Unpack, not per table.
	var e seri.Encoder
	for i := 0; i < 3; i++ {
		_ = e.BeginTable(0)
		_ = e.WriteInt(lseri.MaxSparseSlots/2 + 1)
		_ = e.WriteBool(true)
		_ = e.EndTable()
	}
	if _, err := lseri.Unpack(L, e.Bytes()); !errors.Is(err, lseri.ErrSparseKey) {
		t.Fatalf("spread over tables: %v", err)
	}
	if L.GetTop() != 0 {
		t.Fatalf("stack top %d", L.GetTop())
	}
}

func TestPackValuesWithoutState(t *testing.T) {
	t.Parallel()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	tbl := L.NewTable()
	tbl.RawSetString("k", lua.LString("v"))
	var e seri.Encoder
	if err := lseri.PackValues(&e, nil, lua.LNumber(1), nil, tbl); err != nil {
		t.Fatal(err)
	}
	if got := string(e.Bytes()); got != "\x0a\x01\x00\x06\x0ck\x0cv\x00" {
		t.Fatalf("got %q", got)
	}
	mt := L.NewTable()
	mt.RawSetString("__pairs", L.NewFunction(func(*lua.LState) int { return 0 }))
	tbl.Metatable = mt
	e.Reset()
	if err := lseri.PackValues(&e, nil, tbl); !errors.Is(err, lseri.ErrNoState) {
		t.Fatalf("got %v", err)
	}
	e.Reset()
	err := lseri.PackValues(&e, L, L.NewFunction(func(*lua.LState) int { return 0 }))
	if err == nil || !strings.Contains(err.Error(), "Unsupport type function") {
		t.Fatalf("got %v", err)
	}
}
