package cluster

import "fmt"

// MaxNameLen is the longest name address: its length travels in one byte,
// and skynet refuses an empty name when packing.
const MaxNameLen = 255

// Addr is the destination of a request: a service handle on the remote
// node, or a name. Names starting with '@' are ones the remote node
// exposed with cluster.register, other names (".service") are its local
// skynet names. Handle 0 is the name query cluster.query sends: its
// payload is the packed name and the answer the packed handle.
//
// The zero Addr is handle 0. Build others with HandleAddr and NameAddr;
// an empty name is representable so that packing can refuse it the way
// skynet does instead of silently turning it into handle 0.
type Addr struct {
	name   string
	handle uint32
	named  bool
}

// HandleAddr addresses a service by its handle on the remote node.
func HandleAddr(h uint32) Addr { return Addr{handle: h} }

// NameAddr addresses a service by name. The length is checked when a
// request is packed: 1..MaxNameLen bytes.
func NameAddr(name string) Addr { return Addr{name: name, named: true} }

// Handle returns the handle and true for a handle address.
func (a Addr) Handle() (uint32, bool) { return a.handle, !a.named }

// Name returns the name and true for a name address.
func (a Addr) Name() (string, bool) { return a.name, a.named }

// String gives the name as is, or the handle in skynet's ":%08x" form.
func (a Addr) String() string {
	if a.named {
		return a.name
	}
	return fmt.Sprintf(":%08x", a.handle)
}

func (a Addr) check() error {
	if a.named && (len(a.name) < 1 || len(a.name) > MaxNameLen) {
		return fmt.Errorf("%w: name length is invalid, must be between 1 and %d characters: %s",
			ErrName, MaxNameLen, a.name)
	}
	return nil
}
