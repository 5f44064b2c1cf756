package runtime

// Message is the one shape everything travels in. Data is read-only once
// sent: receivers may alias it (the Lua host views it as a string). The destination is the
// mailbox it sits in. Socket events keep their subtype, socket id and extra
// integer in a 9-byte header at the start of Data (see SocketHeader), so
// they need no side channel.
type Message struct {
	Type    PType
	Session int32
	Source  Handle
	Data    []byte
}

// Socket message subtypes, skynet's SKYNET_SOCKET_TYPE_* values.
const (
	SockData    = 1
	SockConnect = 2
	SockClose   = 3
	SockAccept  = 4
	SockError   = 5
	SockUDP     = 6
	SockWarning = 7
)

// SocketHeaderSize is the length of the header socket messages carry.
const SocketHeaderSize = 9

// AppendSocketHeader writes subtype, socket id and ud (little endian).
func AppendSocketHeader(dst []byte, sub uint8, id int32, ud int32) []byte {
	return append(dst, sub,
		byte(id), byte(id>>8), byte(id>>16), byte(id>>24),
		byte(ud), byte(ud>>8), byte(ud>>16), byte(ud>>24))
}

// SocketHeader decodes the header written by AppendSocketHeader; ok is false
// when data is too short to hold one.
func SocketHeader(data []byte) (sub uint8, id int32, ud int32, ok bool) {
	if len(data) < SocketHeaderSize {
		return 0, 0, 0, false
	}
	id = int32(uint32(data[1]) | uint32(data[2])<<8 | uint32(data[3])<<16 | uint32(data[4])<<24)
	ud = int32(uint32(data[5]) | uint32(data[6])<<8 | uint32(data[7])<<16 | uint32(data[8])<<24)
	return data[0], id, ud, true
}
