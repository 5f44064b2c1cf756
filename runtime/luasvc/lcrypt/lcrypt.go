// Package lcrypt is the Lua module "skynet.crypt" for the functions that
// are standard algorithms: sha1, hmac_sha1, base64 and hex coding, random
// keys. skynet's own constructions (hashkey, hmac64, dhexchange,
// dhsecret, desencode, ...) raise "not supported": an approximation would
// talk past a real skynet peer without anyone noticing.
package lcrypt

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
)

// Open is the opener of "skynet.crypt".
func Open(_ *runtime.Context, L *lua.LState) int {
	t := L.SetFuncs(L.CreateTable(0, 16), map[string]lua.LGFunction{
		"sha1":         sha1sum,
		"hmac_sha1":    hmacSHA1,
		"base64encode": base64Encode,
		"base64decode": base64Decode,
		"hexencode":    hexEncode,
		"hexdecode":    hexDecode,
		"randomkey":    randomKey,
		"xor_str":      xorStr,
	})
	for _, name := range []string{"hashkey", "hmac64", "hmac64_md5", "dhexchange", "dhsecret", "desencode", "desdecode", "hmac_hash"} {
		name := name
		t.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			L.RaiseError("skynet.crypt.%s is not supported in skyconsole (only standard algorithms are)", name)
			return 0
		}))
	}
	L.Push(t)
	return 1
}

func sha1sum(L *lua.LState) int {
	sum := sha1.Sum([]byte(L.CheckString(1)))
	L.Push(lua.LString(sum[:]))
	return 1
}

// hmac_sha1(key, text)
func hmacSHA1(L *lua.LState) int {
	m := hmac.New(sha1.New, []byte(L.CheckString(1)))
	m.Write([]byte(L.CheckString(2)))
	L.Push(lua.LString(m.Sum(nil)))
	return 1
}

func base64Encode(L *lua.LState) int {
	L.Push(lua.LString(base64.StdEncoding.EncodeToString([]byte(L.CheckString(1)))))
	return 1
}

func base64Decode(L *lua.LState) int {
	b, err := base64.StdEncoding.DecodeString(L.CheckString(1))
	if err != nil {
		L.RaiseError("base64decode: %v", err)
	}
	L.Push(lua.LString(b))
	return 1
}

func hexEncode(L *lua.LState) int {
	L.Push(lua.LString(hex.EncodeToString([]byte(L.CheckString(1)))))
	return 1
}

func hexDecode(L *lua.LState) int {
	b, err := hex.DecodeString(L.CheckString(1))
	if err != nil {
		L.RaiseError("hexdecode: %v", err)
	}
	L.Push(lua.LString(b))
	return 1
}

// xor_str(text, key) -> text XORed with key repeated (websocket masking).
func xorStr(L *lua.LState) int {
	text := []byte(L.CheckString(1))
	key := L.CheckString(2)
	if key == "" {
		L.ArgError(2, "empty key")
	}
	for i := range text {
		text[i] ^= key[i%len(key)]
	}
	L.Push(lua.LString(text))
	return 1
}

// randomkey() -> 8 random bytes, as skynet's.
func randomKey(L *lua.LState) int {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		L.RaiseError("randomkey: %v", err)
	}
	L.Push(lua.LString(b[:]))
	return 1
}
