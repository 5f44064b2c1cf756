package lsocket

import (
	"fmt"
	"net"
	"strconv"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/socket"
)

// Driver returns the opener of "skynet.socketdriver" bound to srv. Every
// operation acts for the calling service (the socket's owner).
func Driver(srv *socket.Server) func(c *runtime.Context, L *lua.LState) int {
	return func(c *runtime.Context, L *lua.LState) int {
		d := &driver{srv: srv, ctx: c}
		L.Push(L.SetFuncs(L.CreateTable(0, 16), map[string]lua.LGFunction{
			"listen":      d.listen,
			"connect":     d.connect,
			"bind":        d.bind,
			"start":       d.start,
			"send":        d.send,
			"sendlow":     d.send,
			"close":       d.close,
			"shutdown":    d.shutdown,
			"nodelay":     d.nodelay,
			"pause":       d.pause,
			"resume":      d.resume,
			"abandon":     d.abandon,
			"unpack":      unpack,
			"info":        d.info,
			"drop":        func(*lua.LState) int { return 0 },
			"udp":         d.udp,
			"udp_connect": d.udpConnect,
			"udp_send":    d.udpSend,
			"udp_address": udpAddress,
		}))
		return 1
	}
}

type driver struct {
	srv *socket.Server
	ctx *runtime.Context
}

// udp([host [, port]]) -> id of a UDP socket bound there (127.0.0.1 and
// a free port by default), read at once.
func (d *driver) udp(L *lua.LState) int {
	addr := ""
	if L.Get(1) != lua.LNil || L.Get(2) != lua.LNil {
		host := L.OptString(1, "")
		if host == "" {
			host = "127.0.0.1"
		}
		addr = net.JoinHostPort(host, strconv.Itoa(L.OptInt(2, 0)))
	}
	id, err := d.srv.UDP(d.ctx.Handle(), addr)
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LNumber(id))
	return 1
}

// udp_connect(id, host, port) sets the peer socket.write sends to.
func (d *driver) udpConnect(L *lua.LState) int {
	if err := d.srv.UDPConnect(L.CheckInt(1), hostPort(L, 2, 3)); err != nil {
		L.RaiseError("%v", err)
	}
	return 0
}

// udp_send(id, address, data) -> true, or false when it could not be sent.
func (d *driver) udpSend(L *lua.LState) int {
	err := d.srv.SendTo(L.CheckInt(1), stringBytes(L.CheckString(2)), []byte(L.CheckString(3)))
	if err != nil {
		d.ctx.Log("socketdriver.udp_send: " + err.Error())
	}
	L.Push(lua.LBool(err == nil))
	return 1
}

// udp_address(address) -> ip, port of an address from a UDP event.
func udpAddress(L *lua.LState) int {
	a, err := socket.ParseUDPAddress(stringBytes(L.CheckString(1)))
	if err != nil {
		L.ArgError(1, err.Error())
	}
	L.Push(lua.LString(a.IP.String()))
	L.Push(lua.LNumber(a.Port))
	return 2
}

func hostPort(L *lua.LState, hostIdx, portIdx int) string {
	host := L.OptString(hostIdx, "")
	if L.Get(portIdx) == lua.LNil {
		// one-argument form "host:port"
		return host
	}
	return net.JoinHostPort(host, strconv.Itoa(L.CheckInt(portIdx)))
}

// listen(host, port [, backlog]) -> id; raises on failure.
func (d *driver) listen(L *lua.LState) int {
	addr := hostPort(L, 1, 2)
	id, err := d.srv.Listen(d.ctx.Handle(), addr, L.OptInt(3, 0))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LNumber(id))
	return 1
}

// connect(host, port) -> id; completion arrives as CONNECT or ERROR.
func (d *driver) connect(L *lua.LState) int {
	id, err := d.srv.Connect(d.ctx.Handle(), hostPort(L, 1, 2))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LNumber(id))
	return 1
}

// bind(os_fd) -> id; only stdin (0), when the node offers it. Raises
// otherwise.
func (d *driver) bind(L *lua.LState) int {
	id, err := d.srv.Bind(d.ctx.Handle(), L.CheckInt(1))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(lua.LNumber(id))
	return 1
}

func (d *driver) start(L *lua.LState) int {
	if err := d.srv.Start(d.ctx.Handle(), L.CheckInt(1)); err != nil {
		d.ctx.Log("socketdriver.start: " + err.Error())
	}
	return 0
}

// send(id, data) -> true, or false when the socket is gone.
func (d *driver) send(L *lua.LState) int {
	id := L.CheckInt(1)
	var data []byte
	switch v := L.Get(2).(type) {
	case lua.LString:
		// Lua strings are immutable and the socket server only reads what
		// it is given, so the bytes are shared, not copied.
		data = stringBytes(string(v))
	case *lua.LTable:
		// skynet accepts a table of strings, sent back to back
		v.ForEach(func(_, part lua.LValue) {
			if s, ok := part.(lua.LString); ok {
				data = append(data, s...)
			}
		})
	default:
		L.ArgError(2, "string expected, got "+L.Get(2).Type().String())
	}
	if err := d.srv.Write(id, data); err != nil {
		L.Push(lua.LFalse)
		return 1
	}
	L.Push(lua.LTrue)
	return 1
}

func (d *driver) close(L *lua.LState) int {
	_ = d.srv.Close(L.CheckInt(1))
	return 0
}

func (d *driver) shutdown(L *lua.LState) int {
	_ = d.srv.Shutdown(L.CheckInt(1))
	return 0
}

func (d *driver) nodelay(L *lua.LState) int {
	_ = d.srv.NoDelay(L.CheckInt(1))
	return 0
}

func (d *driver) pause(L *lua.LState) int {
	_ = d.srv.Pause(L.CheckInt(1))
	return 0
}

func (d *driver) resume(L *lua.LState) int {
	_ = d.srv.Resume(L.CheckInt(1))
	return 0
}

func (d *driver) abandon(L *lua.LState) int {
	if c, err := d.srv.Abandon(L.CheckInt(1)); err == nil && c != nil {
		_ = c.Close()
	}
	return 0
}

// info() -> array of tables like skynet's socket.netstat().
func (d *driver) info(L *lua.LState) int {
	out := L.CreateTable(0, 0)
	for _, st := range d.srv.Info() {
		t := L.CreateTable(0, 12)
		t.RawSetString("id", lua.LNumber(st.ID))
		t.RawSetString("address", lua.LNumber(st.Owner))
		t.RawSetString("type", lua.LString(fmt.Sprint(st.Kind)))
		t.RawSetString("state", lua.LString(st.State))
		if st.Local != "" {
			t.RawSetString("sock", lua.LString(st.Local))
		}
		if st.Peer != "" {
			t.RawSetString("peer", lua.LString(st.Peer))
		}
		t.RawSetString("read", lua.LNumber(st.ReadBytes))
		t.RawSetString("write", lua.LNumber(st.WriteBytes))
		t.RawSetString("wbuffer", lua.LNumber(st.Buffered))
		t.RawSetString("reading", lua.LBool(st.Reading))
		t.RawSetString("writing", lua.LBool(st.Writing))
		if !st.LastRead.IsZero() {
			t.RawSetString("rtime", lua.LNumber(st.LastRead.Unix()))
		}
		if !st.LastWrite.IsZero() {
			t.RawSetString("wtime", lua.LNumber(st.LastWrite.Unix()))
		}
		out.Append(t)
	}
	L.Push(out)
	return 1
}

// unpack(msg [, sz]) -> type, id, ud, data: the socket message header,
// as skynet's socketdriver.unpack returns it.
func unpack(L *lua.LState) int {
	msg := L.CheckString(1)
	sub, id, ud, ok := runtime.SocketHeader(stringBytes(msg))
	if !ok {
		L.ArgError(1, "not a socket message")
	}
	L.Push(lua.LNumber(sub))
	L.Push(lua.LNumber(id))
	L.Push(lua.LNumber(ud))
	body := msg[runtime.SocketHeaderSize:]
	if sub == runtime.SockUDP && int(ud) >= 0 && int(ud) <= len(body) {
		// data, then the sender's address
		L.Push(lua.LString(body[:ud]))
		L.Push(lua.LString(body[ud:]))
		return 5
	}
	L.Push(lua.LString(body))
	return 4
}

// stringBytes views a string as bytes without copying; callers only read.
func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
