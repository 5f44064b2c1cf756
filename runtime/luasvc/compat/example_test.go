package compat_test

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime/luasvc/compat"
)

func ExampleOpen() {
	L := lua.NewState()
	defer L.Close()
	compat.Open(L)
	err := L.DoString(`
		local packed = string.pack("<i4 s1", -2, "hi")
		local n, s, next = string.unpack("<i4 s1", packed)
		print(n, s, next, #packed)
		print(math.type(3), math.type(3.5), table.unpack({1, 2}, 2))
		print(pcall(string.format, "%d", 3.5))
	`)
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// -2	hi	8	7
	// integer	float	2
	// false	<string>:6: bad argument #2 to 'format' (number has no integer representation)
}
