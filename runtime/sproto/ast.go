package sproto

// The syntax tree of schema text, as parse.go produces it and compile.go
// consumes it. Positions are byte offsets, turned into lines for errors.

// capture is one value a field's parenthesised suffix produces. A word
// suffix yields its text; a number suffix yields two captures, its digits
// and then the number, exactly as the reference's captures do. Which
// capture lands in which slot decides how the suffix is read (see
// compile.go); both forms of a number read the same, so only the text is
// kept.
type capture struct {
	text string
}

type astField struct {
	pos    int
	name   string
	tag    int64
	array  bool
	typ    string
	suffix []capture
}

type astItem struct {
	field *astField
	typ   *astType
}

type astType struct {
	pos   int
	name  string
	items []astItem
}

type astSub struct {
	kind     string // "request" or "response"
	typename string // "" when inline
	inline   []astItem
}

type astProto struct {
	pos  int
	name string
	tag  int64
	subs []astSub
}

type astTop struct {
	typ   *astType
	proto *astProto
}
