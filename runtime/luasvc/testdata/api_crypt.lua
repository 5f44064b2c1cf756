-- api_crypt: the standard parts of skynet.crypt.
local skynet = require "skynet"
local crypt = require "skynet.crypt"
local T = require "t"

skynet.start(function()
	T.run("sha1, hmac_sha1, hex, base64", function()
		T.eq(crypt.hexencode(crypt.sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d", "sha1")
		T.eq(crypt.hexencode(crypt.hmac_sha1("key", "The quick brown fox jumps over the lazy dog")),
			"de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", "hmac_sha1")
		T.eq(crypt.base64encode("skynet\0x"), "c2t5bmV0AHg=", "base64")
		T.eq(crypt.base64decode("c2t5bmV0AHg="), "skynet\0x", "base64 back")
		T.eq(crypt.hexdecode("00ff10"), "\0\255\16", "hexdecode")
		T.eq(#crypt.randomkey(), 8, "randomkey")
		T.eq(crypt.xor_str(crypt.xor_str("hello world", "k3y"), "k3y"), "hello world", "xor twice")
	end)
	T.run("skynet's own constructions raise", function()
		T.fails(function() crypt.hashkey("x") end, "not supported", "hashkey")
		T.fails(function() crypt.dhexchange("12345678") end, "not supported", "dhexchange")
		T.fails(function() crypt.base64decode("!!") end, "base64decode", "bad base64")
	end)
	T.done()
end)
