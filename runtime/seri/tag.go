package seri

// Wire layout: every value starts with one tag byte whose low 3 bits are the
// value type and whose high 5 bits are a type-specific cookie.
const (
	typeNil         byte = 0
	typeBool        byte = 1
	typeNumber      byte = 2
	typeUserdata    byte = 3
	typeShortString byte = 4
	typeLongString  byte = 5
	typeTable       byte = 6
)

// Number cookies. The gaps (3, 5, 7, 9..31) are invalid on the wire.
const (
	numZero  byte = 0
	numByte  byte = 1
	numWord  byte = 2
	numDword byte = 4
	numQword byte = 6
	numReal  byte = 8
)

const (
	// cookieLimit is one past the largest cookie a 5-bit field can hold.
	cookieLimit = 32
	// arrayLenFollows is the table cookie meaning "the array length is the
	// next value", used for arrays of 31 elements or more.
	arrayLenFollows = cookieLimit - 1
	// longStringWord and longStringDword are the long-string cookies that
	// give the byte width of the length field.
	longStringWord  byte = 2
	longStringDword byte = 4
)

const (
	// MaxDepth is the deepest nesting level at which a value may be packed.
	// Top-level values are at depth 0 and the contents of a table sit one
	// level below the table, as in skynet; packing anything deeper fails
	// with [ErrTooDeep].
	MaxDepth = 32

	// MaxDecodeDepth bounds table nesting on decode. No conforming encoder
	// nests deeper than MaxDepth+1 tables, but skynet's decoder has no limit
	// of its own (it recurses on the C stack); the bound keeps hostile
	// input from driving a consumer's recursion arbitrarily deep while
	// leaving ample room for hand-built streams.
	MaxDecodeDepth = 256

	// MaxStringLen is the longest string the encoder writes. The wire
	// allows a uint32 length, but skynet reads it back into a C int, so
	// anything longer could not be decoded by a skynet peer.
	MaxStringLen = 1<<31 - 1
)

func makeTag(typ, cookie byte) byte { return typ | cookie<<3 }
