package seri_test

import (
	"fmt"

	"github.com/skyconsole/skyconsole/runtime/seri"
)

func Example() {
	msg, err := seri.Pack("login", 42, &seri.Table{
		Array: []any{"a", "b"},
		Hash:  []seri.KV{{Key: "vip", Value: true}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("% x\n", msg)

	vals, err := seri.Unpack(msg)
	if err != nil {
		panic(err)
	}
	t := vals[2].(*seri.Table)
	fmt.Println(vals[0], vals[1], t.Array, t.Hash[0].Key, t.Hash[0].Value)
	// Output:
	// 2c 6c 6f 67 69 6e 0a 2a 16 0c 61 0c 62 1c 76 69 70 09 00
	// login 42 [a b] vip true
}

// Streaming decode: one header at a time, strings not copied.
func ExampleDecoder() {
	msg, _ := seri.Pack("ping", 1, "x")
	d := seri.NewDecoder(msg)
	for d.More() {
		v, err := d.Next()
		if err != nil {
			panic(err)
		}
		switch v.Kind {
		case seri.KindString:
			fmt.Printf("%s %q\n", v.Kind, v.Str)
		case seri.KindInt:
			fmt.Println(v.Kind, v.Int)
		}
	}
	// Output:
	// string "ping"
	// int 1
	// string "x"
}
