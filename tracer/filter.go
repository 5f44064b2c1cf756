package tracer

// TypeSet is a set of protocol types (0..255). The zero set is empty.
type TypeSet [4]uint64

// Types returns the set holding ptypes.
func Types(ptypes ...uint8) TypeSet {
	var s TypeSet
	for _, t := range ptypes {
		s[t>>6] |= 1 << (t & 63)
	}
	return s
}

// Has reports whether t is in the set.
func (s TypeSet) Has(t uint8) bool { return s[t>>6]&(1<<(t&63)) != 0 }

// Empty reports whether the set has no member.
func (s TypeSet) Empty() bool { return s == TypeSet{} }

// OutcomeSet is a set of outcomes. The zero set is empty.
type OutcomeSet uint8

// Outcomes returns the set holding os.
func Outcomes(os ...Outcome) OutcomeSet {
	var s OutcomeSet
	for _, o := range os {
		if o < 8 {
			s |= 1 << o
		}
	}
	return s
}

// Has reports whether o is in the set.
func (s OutcomeSet) Has(o Outcome) bool { return o < 8 && s&(1<<o) != 0 }

// Fields says which scalar fields of a Filter constrain a match. Handle 0,
// session 0 and fd 0 are all meaningful in skynet, so zero cannot mean "any".
type Fields uint8

const (
	FieldSource  Fields = 1 << iota // Source must equal Filter.Source
	FieldDest                       // Dest must equal Filter.Dest
	FieldService                    // Source or Dest must equal Filter.Service
	FieldSession                    // Session must equal Filter.Session
	FieldFd                         // Fd must equal Filter.Fd (socket and client messages only)
	FieldSock                       // Sock must equal Filter.Sock (socket messages only)
)

// Filter selects events. Every constraint given must hold; the zero Filter
// matches everything. Match does not allocate, so readers can run it over
// every event they pull.
type Filter struct {
	Types    TypeSet    // empty: any type
	Outcomes OutcomeSet // empty: any outcome
	Source   uint32
	Dest     uint32
	Service  uint32
	Session  int32
	Fd       int32
	Sock     SockKind
	Fields   Fields
}

// Match reports whether e satisfies f.
func (f *Filter) Match(e *Event) bool {
	if !f.Types.Empty() && !f.Types.Has(e.Type) {
		return false
	}
	if f.Outcomes != 0 && !f.Outcomes.Has(e.Outcome) {
		return false
	}
	if f.Fields == 0 {
		return true
	}
	switch {
	case f.Fields&FieldSource != 0 && e.Source != f.Source,
		f.Fields&FieldDest != 0 && e.Dest != f.Dest,
		f.Fields&FieldService != 0 && e.Source != f.Service && e.Dest != f.Service,
		f.Fields&FieldSession != 0 && e.Session != f.Session,
		f.Fields&FieldFd != 0 && (!hasFd(e.Type) || e.Fd != f.Fd),
		f.Fields&FieldSock != 0 && (e.Type != TypeSocket || e.Sock != f.Sock):
		return false
	}
	return true
}

// hasFd reports whether Event.Fd means something for ptype t.
func hasFd(t uint8) bool { return t == TypeSocket || t == TypeClient }
