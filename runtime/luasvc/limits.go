package luasvc

import lua "github.com/yuin/gopher-lua"

// gopher-lua stores every integer key below MaxArrayIndex (64M by
// default) in a table's array part and fills the gap with nils, so
// `t[handle] = v` with a handle such as 0x01000010 would allocate a
// 16-million-slot array. skynet code keys tables by handle everywhere.
// Keys at or above this bound go to the hash part instead; the cost is that
// `#t` stops counting at 2^20 for longer sequences (documented in
// docs/lua-api.md). The library reads this tunable on every table write;
// it is set once, before any state exists, and never changed afterwards.
const maxArrayIndex = 1 << 20

func init() { lua.MaxArrayIndex = maxArrayIndex }
