// Package lsocket gives Lua services skynet's socket modules:
// "skynet.socketdriver" (the socket server's operations, owned by the
// calling service) and "skynet.netpack" (the gate's 2-byte length framing
// with skynet's data/more semantics). Register them on a luasvc.Host with
// Driver and Netpack.
package lsocket
