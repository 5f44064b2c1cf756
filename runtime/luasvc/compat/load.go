package compat

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// baseLoad is load(chunk [, chunkname [, mode [, env]]]) from Lua 5.2+.
// gopher-lua's load takes only reader functions and has no env; here chunk
// may be a string or a reader, and env becomes the chunk's function
// environment, which is how gopher-lua resolves globals.
func baseLoad(L *lua.LState) int {
	var src string
	var defName string
	switch c := L.Get(1).(type) {
	case lua.LString:
		src, defName = string(c), string(c)
	case lua.LNumber:
		src = c.String()
		defName = src
	case *lua.LFunction:
		var msg lua.LValue
		if src, msg = readChunk(L, c); msg != nil {
			L.Push(lua.LNil)
			L.Push(msg)
			return 2
		}
		defName = "=(load)"
	default:
		raise(L, "load", typeError(L, 1, "function"))
	}
	name := defName
	if L.Get(2) != lua.LNil {
		name = checkString(L, 2, "load")
	}
	mode := "bt"
	if L.Get(3) != lua.LNil {
		mode = checkString(L, 3, "load")
	}
	if msg := checkMode(src, mode); msg != "" {
		L.Push(lua.LNil)
		L.Push(lua.LString(msg))
		return 2
	}
	id := chunkID(name)
	f, err := L.Load(strings.NewReader(src), id)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(syntaxMessage(err, id, src)))
		return 2
	}
	// Lua distinguishes an explicit nil env from an absent one.
	if L.GetTop() >= 4 {
		switch env := L.Get(4).(type) {
		case *lua.LTable:
			f.Env = env
		default:
			if env != lua.LNil {
				raise(L, "load", typeError(L, 4, "table"))
			}
			f.Env = nilEnv(L)
		}
	}
	L.Push(f)
	return 1
}

// readChunk calls reader until it returns nil or "" and joins the pieces.
// Errors, including a piece that is not a string, come back as a value for
// load to return, as in C Lua where the reader runs inside the protected
// parser.
func readChunk(L *lua.LState, reader *lua.LFunction) (string, lua.LValue) {
	var b strings.Builder
	for {
		L.Push(reader)
		if err := L.PCall(0, 1, nil); err != nil {
			if aerr, ok := err.(*lua.ApiError); ok {
				return "", aerr.Object
			}
			return "", lua.LString(err.Error())
		}
		piece := L.Get(-1)
		L.Pop(1)
		switch p := piece.(type) {
		case lua.LString:
			if p == "" {
				return b.String(), nil
			}
			b.WriteString(string(p))
		case lua.LNumber:
			b.WriteString(p.String())
		default:
			if piece == lua.LNil {
				return b.String(), nil
			}
			// luaL_error wording: prefixed with the caller's position.
			return "", lua.LString(L.Where(1) + " reader function must return a string")
		}
	}
}

// checkMode applies load's mode argument. Precompiled chunks start with
// ESC; gopher-lua cannot run them in any mode.
func checkMode(src, mode string) string {
	kind, letter := "text", byte('t')
	if strings.HasPrefix(src, "\x1b") {
		kind, letter = "binary", 'b'
	}
	if strings.IndexByte(mode, letter) < 0 {
		return "attempt to load a " + kind + " chunk (mode is '" + mode + "')"
	}
	if letter == 'b' {
		return "attempt to load a binary chunk (not supported by gopher-lua)"
	}
	return ""
}

// nilEnv stands in for a nil _ENV: gopher-lua environments must be tables,
// so this one fails every global access the way Lua would.
func nilEnv(L *lua.LState) *lua.LTable {
	fail := L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("attempt to index a nil value (upvalue '_ENV')")
		return 0
	})
	mt := L.CreateTable(0, 2)
	mt.RawSetString("__index", fail)
	mt.RawSetString("__newindex", fail)
	env := L.NewTable()
	env.Metatable = mt
	return env
}

// idSize is LUA_IDSIZE, the room C Lua gives a chunk name in messages.
const idSize = 60

// chunkID renders a chunk name for messages as luaO_chunkid does:
// "=name" verbatim, "@file" as the file name, anything else as
// [string "first line..."]. gopher-lua prints names unaltered, so without
// this a load(src, "@foo.lua") error would read "@foo.lua:1: ...".
func chunkID(name string) string {
	switch {
	case strings.HasPrefix(name, "="):
		if s := name[1:]; len(s) < idSize {
			return s
		}
		return name[1:idSize]
	case strings.HasPrefix(name, "@"):
		if s := name[1:]; len(s) < idSize {
			return s
		}
		return "..." + name[len(name)-(idSize-4):]
	}
	const pre, rets, pos = `[string "`, "...", `"]`
	room := idSize - len(pre) - len(rets) - len(pos) - 1
	line, cut := name, false
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line, cut = line[:i], true
	}
	if len(line) >= room {
		line, cut = line[:room], true
	}
	if cut {
		return pre + line + rets + pos
	}
	return pre + line + pos
}

// syntaxMessage rewrites gopher-lua's parse and compile errors into Lua's
// "chunk:line: message near 'token'" shape, which is what tools and people
// scan logs for. Errors of other kinds keep their text.
func syntaxMessage(err error, id, src string) string {
	// ApiError keeps the parser's error in Cause but has no Unwrap.
	if aerr, ok := err.(*lua.ApiError); ok && aerr.Cause != nil {
		err = aerr.Cause
	}
	var perr *parse.Error
	if errors.As(err, &perr) {
		if perr.Pos.Line == parse.EOF {
			// Lua reports the end of input on the last line.
			line := strings.Count(src, "\n") + 1
			return fmt.Sprintf("%s:%d: %s near <eof>", id, line, perr.Message)
		}
		return fmt.Sprintf("%s:%d: %s near '%s'", id, perr.Pos.Line, perr.Message, perr.Token)
	}
	var cerr *lua.CompileError
	if errors.As(err, &cerr) {
		return fmt.Sprintf("%s:%d: %s", id, cerr.Line, cerr.Message)
	}
	return strings.TrimSpace(err.Error())
}
