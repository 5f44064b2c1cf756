// Package cluster implements the wire format of skynet's cluster protocol
// (what skynet's cluster.core module packs and unpacks): the frames a
// calling node sends to a listening node and the frames it gets back.
// Connections, waiting calls and services belong to the cluster sender
// and agent built on top of it.
//
// Every frame is a netpack frame (big-endian uint16 length, then the
// body); the packers return frames with that prefix, the decoders take
// bodies without it. Inside bodies integers are little-endian uint32.
//
// Request bodies, caller to listener, start with a kind byte:
//
//	kind       then                                   frame
//	00         handle, session, payload               single request or push
//	80         name len, name, session, payload       same, by name
//	01 / 41    handle, session, total (13 bytes)      multi-part request / push header
//	81 / c1    name len, name, session, total         same, by name
//	02         session, chunk                         part, more follow
//	03         session, chunk                         last part
//	04         tag                                    trace tag for the next request
//
// Response bodies, listener to caller: session, a type byte, then data.
//
//	type  data
//	0     error text (raw, not packed), at most PartSize bytes
//	1     the packed return values
//	2     total size (body exactly 9 bytes), a multi-part reply follows
//	3     chunk, more follow
//	4     last chunk
//
// Two asymmetries are easy to get wrong, and both are skynet's:
//
//   - Requests split when the payload is PartSize (32 KiB) or more,
//     responses only when it is more than PartSize. A 32 KiB request is a
//     header and one last part; a 32 KiB reply is one frame.
//   - A single-frame push carries session 0, which is how the listener
//     knows not to answer, and uses up no session. A multi-part push needs
//     a real session to tie its parts together and uses one up; its header
//     kind (41/c1) marks it as a push instead.
//
// PackRequest, PackPush, PackTrace and PackResponse produce byte-identical
// frames to skynet's. UnpackRequest and UnpackResponse accept and reject
// what skynet does, alias their input and never allocate on a header's
// word. RequestAssembler and ResponseAssembler put multi-part messages
// back together for one connection each, within a size and count budget;
// they hold no locks and no package state, so each connection owns its
// own.
package cluster
