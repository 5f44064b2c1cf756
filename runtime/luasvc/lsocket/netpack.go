package lsocket

import (
	"errors"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/netpack"
)

const queueType = "skynet.netpack.queue"

// queue is the userdata skynet's netpack.filter threads through the gate:
// per-connection partial frames plus the complete frames of a `more` read,
// copied into Lua strings at once so nothing is lost if a later read
// arrives before they are popped.
type queue struct {
	f       *netpack.Filter
	pending []pendingFrame
}

type pendingFrame struct {
	fd   int
	data lua.LString
}

// Netpack returns the opener of "skynet.netpack".
func Netpack() func(c *runtime.Context, L *lua.LState) int {
	return func(c *runtime.Context, L *lua.LState) int {
		mt := L.NewTypeMetatable(queueType)
		mt.RawSetString("__index", mt)
		L.Push(L.SetFuncs(L.CreateTable(0, 8), map[string]lua.LGFunction{
			"filter":   filter,
			"pop":      pop,
			"pack":     pack,
			"tostring": tostring,
			"clear":    clear,
			"newqueue": newqueue,
		}))
		return 1
	}
}

func newQueue(L *lua.LState, maxFrame int) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = &queue{f: netpack.NewFilter(netpack.WithMaxFrame(maxFrame))}
	L.SetMetatable(ud, L.GetTypeMetatable(queueType))
	return ud
}

func checkQueue(L *lua.LState, i int) (*lua.LUserData, *queue) {
	if L.Get(i) == lua.LNil {
		return nil, nil
	}
	ud := L.CheckUserData(i)
	q, ok := ud.Value.(*queue)
	if !ok {
		L.ArgError(i, "netpack queue expected")
	}
	return ud, q
}

// newqueue([maxframe]) -> queue with a frame size limit (default 65535).
func newqueue(L *lua.LState) int {
	L.Push(newQueue(L, L.OptInt(1, 0)))
	return 1
}

// filter(queue, msg [, sz]) -> queue, event, ... for one socket message:
//
//	DATA    -> "data", fd, frame, size   (exactly one complete frame)
//	           "more"                    (frames queued for pop)
//	           nothing                   (no complete frame yet)
//	CONNECT -> "init", id, address, port ("start" and 0 for a started socket)
//	ACCEPT  -> "open", new id, peer address
//	CLOSE   -> "close", fd, bytes of an incomplete frame that were dropped
//	ERROR   -> "error", fd, reason
//	WARNING -> "warning", fd, KB buffered
//
// A frame longer than the queue's limit gives "error" for that fd only.
func filter(L *lua.LState) int {
	ud, q := checkQueue(L, 1)
	if ud == nil {
		ud = newQueue(L, 0)
		_, q = checkQueue(L, -1)
		L.Pop(1)
	}
	msg := L.CheckString(2)
	sub, id, n, ok := runtime.SocketHeader(stringBytes(msg))
	if !ok {
		L.ArgError(2, "not a socket message")
	}
	payload := msg[runtime.SocketHeaderSize:]
	L.Push(ud)
	switch sub {
	case runtime.SockData:
		ev, frame, err := q.f.Data(int(id), stringBytes(payload))
		if err != nil {
			q.f.Close(int(id))
			L.Push(lua.LString("error"))
			L.Push(lua.LNumber(id))
			var fe *netpack.FrameSizeError
			reason := err.Error()
			if errors.As(err, &fe) {
				reason = "frame too large"
			}
			L.Push(lua.LString(reason + ": " + err.Error()))
			return 4
		}
		switch ev {
		case netpack.EventData:
			L.Push(lua.LString("data"))
			L.Push(lua.LNumber(id))
			L.Push(lua.LString(frame))
			L.Push(lua.LNumber(len(frame)))
			return 5
		case netpack.EventMore:
			for {
				fr, ok := q.f.Pop()
				if !ok {
					break
				}
				q.pending = append(q.pending, pendingFrame{fd: fr.Conn, data: lua.LString(fr.Data)})
			}
			L.Push(lua.LString("more"))
			return 2
		}
		return 1
	case runtime.SockConnect:
		L.Push(lua.LString("init"))
		L.Push(lua.LNumber(id))
		L.Push(lua.LString(payload))
		L.Push(lua.LNumber(n))
		return 5
	case runtime.SockAccept:
		L.Push(lua.LString("open"))
		L.Push(lua.LNumber(n))
		L.Push(lua.LString(payload))
		return 4
	case runtime.SockClose:
		dropped := q.f.Close(int(id))
		L.Push(lua.LString("close"))
		L.Push(lua.LNumber(id))
		L.Push(lua.LNumber(dropped))
		return 4
	case runtime.SockError:
		dropped := q.f.Close(int(id))
		L.Push(lua.LString("error"))
		L.Push(lua.LNumber(id))
		L.Push(lua.LString(payload))
		L.Push(lua.LNumber(dropped))
		return 5
	case runtime.SockWarning:
		L.Push(lua.LString("warning"))
		L.Push(lua.LNumber(id))
		L.Push(lua.LNumber(n))
		return 4
	}
	return 1
}

// pop(queue) -> fd, frame, size, or nothing when the queue is empty.
func pop(L *lua.LState) int {
	_, q := checkQueue(L, 1)
	if q == nil || len(q.pending) == 0 {
		return 0
	}
	fr := q.pending[0]
	q.pending[0] = pendingFrame{}
	q.pending = q.pending[1:]
	L.Push(lua.LNumber(fr.fd))
	L.Push(fr.data)
	L.Push(lua.LNumber(len(fr.data)))
	return 3
}

// pack(data) -> data with its 2-byte big-endian length in front.
func pack(L *lua.LState) int {
	out, err := netpack.Pack(stringBytes(L.CheckString(1)))
	if err != nil {
		L.RaiseError("netpack.pack: %v", err)
	}
	L.Push(lua.LString(out))
	L.Push(lua.LNumber(len(out)))
	return 2
}

// tostring(msg [, sz]) -> msg: bodies are already Lua strings here.
func tostring(L *lua.LState) int {
	msg := L.CheckString(1)
	if n := L.OptInt(2, -1); n >= 0 && n < len(msg) {
		msg = msg[:n]
	}
	L.Push(lua.LString(msg))
	return 1
}

// clear(queue) drops every queued frame and partial state.
func clear(L *lua.LState) int {
	if _, q := checkQueue(L, 1); q != nil {
		q.pending = nil
		q.f = netpack.NewFilter()
	}
	return 0
}
