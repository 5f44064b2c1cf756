package sproto

import (
	"fmt"
	"strings"
)

// The schema grammar is a PEG (sprotoparser is written with LPeg). This file
// mirrors that grammar rule for rule, including its possessive repetition
// and ordered choice, because the reference reports a syntax error at the
// line of the furthest newline any attempt consumed. Matching the same
// attempts is what makes the line numbers agree.
//
//	blank    = [ \t] | newline | '#' (!newline .)* (newline | EOF)
//	word     = [A-Za-z_][A-Za-z0-9_]*
//	typename = word ('.' word)*
//	field    = word blanks tag blank0 ':' blank0 '*'? typename suffix*
//	suffix   = '(' blank0 word? blank0 ')' | '(' blank0 tag blank0 ')'
//	struct   = '{' multi(field | type) '}'
//	type     = '.' word blank0 struct
//	sub      = ('request' | 'response') blanks (typename | struct)
//	protocol = word blanks tag blank0 '{' multi(sub) '}'
//	multi(p) = blank0 (p blanks)* p* blank0
//	file     = blank0 multi(type | protocol) blank0 EOF

// maxSchemaNesting bounds recursion on hostile schema text.
const maxSchemaNesting = 256

type parser struct {
	src   string
	maxNL int // end offset of the furthest newline consumed by any attempt
	depth int
	deep  bool
	memo  map[int]structResult
}

type structResult struct {
	end   int
	ok    bool
	items []astItem
}

// parseText parses schema text into top-level items. name is the chunk name
// used in syntax errors ("=text" by default, as in the reference).
func parseText(src, name string) ([]astTop, error) {
	p := &parser{src: src, memo: map[int]structResult{}}
	i := p.blank0(0)
	i, tops := multi(p, i, p.top)
	i = p.blank0(i)
	if i != len(src) || p.deep {
		line := 1 + strings.Count(src[:p.maxNL], "\n")
		return nil, &SchemaError{Syntax: true, Line: line,
			Msg: fmt.Sprintf("syntax error at [%s] line (%d)", name, line)}
	}
	return tops, nil
}

func (p *parser) newline(i int) (int, bool) {
	end := -1
	if i < len(p.src) && p.src[i] == '\n' {
		end = i + 1
	} else if i+1 < len(p.src) && p.src[i] == '\r' && p.src[i+1] == '\n' {
		end = i + 2
	}
	if end < 0 {
		return i, false
	}
	if end > p.maxNL {
		p.maxNL = end
	}
	return end, true
}

func (p *parser) blank(i int) (int, bool) {
	if i >= len(p.src) {
		return i, false
	}
	switch p.src[i] {
	case ' ', '\t':
		return i + 1, true
	case '#':
		j := i + 1
		for j < len(p.src) {
			if _, ok := p.newline(j); ok {
				break
			}
			j++
		}
		if e, ok := p.newline(j); ok {
			return e, true
		}
		return j, true // end of input
	}
	return p.newline(i)
}

func (p *parser) blank0(i int) int {
	for {
		j, ok := p.blank(i)
		if !ok {
			return i
		}
		i = j
	}
}

func (p *parser) blanks(i int) (int, bool) {
	j, ok := p.blank(i)
	if !ok {
		return i, false
	}
	return p.blank0(j), true
}

func (p *parser) lit(i int, s string) (int, bool) {
	if strings.HasPrefix(p.src[i:], s) {
		return i + len(s), true
	}
	return i, false
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *parser) word(i int) (int, bool) {
	if i >= len(p.src) || !isAlpha(p.src[i]) {
		return i, false
	}
	j := i + 1
	for j < len(p.src) && (isAlpha(p.src[j]) || isDigit(p.src[j])) {
		j++
	}
	return j, true
}

func (p *parser) typename(i int) (int, bool) {
	j, ok := p.word(i)
	if !ok {
		return i, false
	}
	for j < len(p.src) && p.src[j] == '.' {
		k, ok := p.word(j + 1)
		if !ok {
			break
		}
		j = k
	}
	return j, true
}

// tag reads digits; values past int64 saturate (they are rejected later as
// out of range, as the reference's float tags are).
func (p *parser) tag(i int) (int, int64, bool) {
	j := i
	var v int64
	for j < len(p.src) && isDigit(p.src[j]) {
		d := int64(p.src[j] - '0')
		if v > (1<<63-1-d)/10 {
			v = 1<<63 - 1
		} else {
			v = v*10 + d
		}
		j++
	}
	return j, v, j > i
}

// multi is multipat: blank0 (p blanks)* p* blank0, with possessive loops.
func multi[T any](p *parser, i int, item func(int) (int, bool, T)) (int, []T) {
	i = p.blank0(i)
	var out []T
	for {
		j, ok, v := item(i)
		if !ok {
			break
		}
		k, ok := p.blanks(j)
		if !ok {
			break
		}
		out = append(out, v)
		i = k
	}
	for {
		j, ok, v := item(i)
		if !ok {
			break
		}
		out = append(out, v)
		i = j
	}
	return p.blank0(i), out
}

func (p *parser) top(i int) (int, bool, astTop) {
	if j, ok, t := p.typedef(i); ok {
		return j, true, astTop{typ: t}
	}
	if j, ok, pr := p.protocol(i); ok {
		return j, true, astTop{proto: pr}
	}
	return i, false, astTop{}
}

func (p *parser) typedef(i int) (int, bool, *astType) {
	j, ok := p.lit(i, ".")
	if !ok {
		return i, false, nil
	}
	k, ok := p.word(j)
	if !ok {
		return i, false, nil
	}
	name := p.src[j:k]
	k = p.blank0(k)
	e, ok, items := p.structBody(k)
	if !ok {
		return i, false, nil
	}
	return e, true, &astType{pos: i, name: name, items: items}
}

// structBody is memoised by position: the possessive loops of multi
// re-match an item whose trailing blank is missing, and without the memo
// nested types would be re-parsed an exponential number of times.
func (p *parser) structBody(i int) (int, bool, []astItem) {
	if r, ok := p.memo[i]; ok {
		return r.end, r.ok, r.items
	}
	r := structResult{end: i}
	if p.depth >= maxSchemaNesting {
		p.deep = true
		return i, false, nil
	}
	p.depth++
	if j, ok := p.lit(i, "{"); ok {
		j, items := multi(p, j, p.member)
		if e, ok := p.lit(j, "}"); ok {
			r = structResult{end: e, ok: true, items: items}
		}
	}
	p.depth--
	p.memo[i] = r
	return r.end, r.ok, r.items
}

func (p *parser) member(i int) (int, bool, astItem) {
	if j, ok, f := p.field(i); ok {
		return j, true, astItem{field: f}
	}
	if j, ok, t := p.typedef(i); ok {
		return j, true, astItem{typ: t}
	}
	return i, false, astItem{}
}

func (p *parser) field(i int) (int, bool, *astField) {
	fail := func() (int, bool, *astField) { return i, false, nil }
	j, ok := p.word(i)
	if !ok {
		return fail()
	}
	f := &astField{pos: i, name: p.src[i:j]}
	if j, ok = p.blanks(j); !ok {
		return fail()
	}
	if j, f.tag, ok = p.tag(j); !ok {
		return fail()
	}
	j = p.blank0(j)
	if j, ok = p.lit(j, ":"); !ok {
		return fail()
	}
	j = p.blank0(j)
	if k, ok := p.lit(j, "*"); ok {
		f.array, j = true, k
	}
	k, ok := p.typename(j)
	if !ok {
		return fail()
	}
	f.typ, j = p.src[j:k], k
	for {
		k, caps, ok := p.suffix(j)
		if !ok {
			break
		}
		f.suffix = append(f.suffix, caps...)
		j = k
	}
	return j, true, f
}

// suffix matches `(word?)` first and `(digits)` second, as the reference's
// ordered choice does, and returns that alternative's captures.
func (p *parser) suffix(i int) (int, []capture, bool) {
	j, ok := p.lit(i, "(")
	if !ok {
		return i, nil, false
	}
	j = p.blank0(j)
	k, _ := p.word(j)
	key := p.src[j:k]
	k = p.blank0(k)
	if e, ok := p.lit(k, ")"); ok {
		return e, []capture{{text: key}}, true
	}
	k, _, ok = p.tag(j)
	if !ok {
		return i, nil, false
	}
	digits := p.src[j:k]
	k = p.blank0(k)
	if e, ok := p.lit(k, ")"); ok {
		return e, []capture{{text: digits}, {text: digits}}, true
	}
	return i, nil, false
}

func (p *parser) protocol(i int) (int, bool, *astProto) {
	fail := func() (int, bool, *astProto) { return i, false, nil }
	j, ok := p.word(i)
	if !ok {
		return fail()
	}
	pr := &astProto{pos: i, name: p.src[i:j]}
	if j, ok = p.blanks(j); !ok {
		return fail()
	}
	if j, pr.tag, ok = p.tag(j); !ok {
		return fail()
	}
	j = p.blank0(j)
	if j, ok = p.lit(j, "{"); !ok {
		return fail()
	}
	j, pr.subs = multi(p, j, p.sub)
	if j, ok = p.lit(j, "}"); !ok {
		return fail()
	}
	return j, true, pr
}

func (p *parser) sub(i int) (int, bool, astSub) {
	var s astSub
	j, ok := p.lit(i, "request")
	if ok {
		s.kind = "request"
	} else if j, ok = p.lit(i, "response"); ok {
		s.kind = "response"
	} else {
		return i, false, s
	}
	if j, ok = p.blanks(j); !ok {
		return i, false, s
	}
	if k, ok := p.typename(j); ok {
		s.typename = p.src[j:k]
		return k, true, s
	}
	k, ok, items := p.structBody(j)
	if !ok {
		return i, false, s
	}
	s.inline = items
	return k, true, s
}
