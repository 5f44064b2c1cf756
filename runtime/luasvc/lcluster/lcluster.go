// Package lcluster is the Lua module "cluster.core": skynet's cluster wire
// format (runtime/cluster) for the Lua services clusterd, clustersender
// and clusteragent. Message bodies are Lua strings here, so the functions
// take and return strings rather than skynet's pointer and size pairs,
// and multi-part messages are put back together in Go by a reader object
// per connection instead of in Lua.
//
//	packrequest(addr, session, payload) -> frames, next_session
//	packpush(addr, session, payload)    -> frames, next_session
//	packtrace(tag)                      -> frame
//	packresponse(session, ok, data)     -> frames
//	requestreader()  -> r; r:feed(body) -> true, addr, session, payload, is_push, tag
//	                                     | nil (more frames needed)
//	                                     | false, error [, session]
//	responsereader() -> r; r:feed(body) -> session, ok, data | nil | false, error
//
// Frames carry their 2-byte length, ready for socket writes; feed takes a
// body without it. addr is a handle (number) or a name (string). A false
// from requestreader with a session is a broken multi-part request that
// should be answered with that error; without one the connection should
// be closed.
package lcluster

import (
	"errors"
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/cluster"
)

const (
	requestReaderType  = "cluster.requestreader"
	responseReaderType = "cluster.responsereader"
)

// Open is the opener of "cluster.core" for the Lua host.
func Open(_ *runtime.Context, L *lua.LState) int {
	for name, feed := range map[string]lua.LGFunction{
		requestReaderType:  feedRequest,
		responseReaderType: feedResponse,
	} {
		mt := L.NewTypeMetatable(name)
		mt.RawSetString("__index", L.SetFuncs(L.CreateTable(0, 1), map[string]lua.LGFunction{"feed": feed}))
	}
	L.Push(L.SetFuncs(L.CreateTable(0, 8), map[string]lua.LGFunction{
		"packrequest":    packRequest,
		"packpush":       packPush,
		"packtrace":      packTrace,
		"packresponse":   packResponse,
		"requestreader":  newRequestReader,
		"responsereader": newResponseReader,
	}))
	return 1
}

func checkAddr(L *lua.LState, i int) cluster.Addr {
	switch v := L.Get(i).(type) {
	case lua.LNumber:
		f := float64(v)
		if f < 0 || f > math.MaxUint32 || f != math.Trunc(f) {
			L.ArgError(i, "cluster address must be a handle or a name")
		}
		return cluster.HandleAddr(uint32(f))
	case lua.LString:
		return cluster.NameAddr(string(v))
	}
	L.ArgError(i, "cluster address must be a handle or a name")
	return cluster.Addr{}
}

func checkSession(L *lua.LState, i int) uint32 {
	f := float64(L.CheckNumber(i))
	if f < 0 || f > math.MaxUint32 || f != math.Trunc(f) {
		L.ArgError(i, "session must be a non-negative integer")
	}
	return uint32(f)
}

func pushFrames(L *lua.LState, frames [][]byte) {
	t := L.CreateTable(len(frames), 0)
	for i, f := range frames {
		t.RawSetInt(i+1, lua.LString(f))
	}
	L.Push(t)
}

func pack(L *lua.LState, f func(cluster.Addr, uint32, []byte) ([][]byte, uint32, error)) int {
	frames, next, err := f(checkAddr(L, 1), checkSession(L, 2), []byte(L.CheckString(3)))
	if err != nil {
		L.RaiseError("%v", err)
	}
	pushFrames(L, frames)
	L.Push(lua.LNumber(next))
	return 2
}

func packRequest(L *lua.LState) int { return pack(L, cluster.PackRequest) }
func packPush(L *lua.LState) int    { return pack(L, cluster.PackPush) }

func packTrace(L *lua.LState) int {
	f, err := cluster.PackTrace(L.CheckString(1))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LString(f))
	return 1
}

func packResponse(L *lua.LState) int {
	session := checkSession(L, 1)
	ok := lua.LVAsBool(L.Get(2))
	data := L.OptString(3, "")
	frames, err := cluster.PackResponse(session, ok, []byte(data))
	if err != nil {
		L.RaiseError("%v", err)
	}
	pushFrames(L, frames)
	return 1
}

func newRequestReader(L *lua.LState) int {
	ud := L.NewUserData()
	ud.Value = cluster.NewRequestAssembler()
	L.SetMetatable(ud, L.GetTypeMetatable(requestReaderType))
	L.Push(ud)
	return 1
}

func newResponseReader(L *lua.LState) int {
	ud := L.NewUserData()
	ud.Value = cluster.NewResponseAssembler()
	L.SetMetatable(ud, L.GetTypeMetatable(responseReaderType))
	L.Push(ud)
	return 1
}

func addrValue(a cluster.Addr) lua.LValue {
	if name, ok := a.Name(); ok {
		return lua.LString(name)
	}
	h, _ := a.Handle()
	return lua.LNumber(h)
}

// feedRequest: see the package doc.
func feedRequest(L *lua.LState) int {
	ud := L.CheckUserData(1)
	a, ok := ud.Value.(*cluster.RequestAssembler)
	if !ok {
		L.ArgError(1, "cluster request reader expected")
	}
	req, err := cluster.UnpackRequest([]byte(L.CheckString(2)))
	if err != nil {
		L.Push(lua.LFalse)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	call, done, err := a.Add(req)
	if err != nil {
		L.Push(lua.LFalse)
		var se *cluster.SequenceError
		if errors.As(err, &se) {
			L.Push(lua.LString(cluster.InvalidLargeReq))
			L.Push(lua.LNumber(se.Session))
			return 3
		}
		L.Push(lua.LString(err.Error()))
		return 2
	}
	if !done {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LTrue)
	L.Push(addrValue(call.Addr))
	L.Push(lua.LNumber(call.Session))
	L.Push(lua.LString(call.Payload))
	L.Push(lua.LBool(call.Push))
	if call.TraceTag != "" {
		L.Push(lua.LString(call.TraceTag))
	} else {
		L.Push(lua.LNil)
	}
	return 6
}

// feedResponse: see the package doc.
func feedResponse(L *lua.LState) int {
	ud := L.CheckUserData(1)
	a, ok := ud.Value.(*cluster.ResponseAssembler)
	if !ok {
		L.ArgError(1, "cluster response reader expected")
	}
	resp, err := cluster.UnpackResponse([]byte(L.CheckString(2)))
	if err != nil {
		L.Push(lua.LFalse)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	reply, done, err := a.Add(resp)
	if err != nil {
		var se *cluster.SequenceError
		if errors.As(err, &se) {
			// That one call failed; the connection goes on.
			L.Push(lua.LNumber(se.Session))
			L.Push(lua.LFalse)
			L.Push(lua.LString(err.Error()))
			return 3
		}
		L.Push(lua.LFalse)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	if !done {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(reply.Session))
	L.Push(lua.LBool(reply.OK))
	L.Push(lua.LString(reply.Data))
	return 3
}
