package sproto

import (
	"fmt"
	"sort"
	"strings"
)

// compile.go turns parsed schema text into the binary bundle, applying the
// checks sprotoparser applies, in the same order, with the same messages:
// definitions in source order, then protocols, then type references, then
// the encoding pass (map keys, value ranges).

type cField struct {
	name     string
	tag      int64
	array    bool
	typename string
	decimal  *capture // `integer(N)`: the capture read as N
	key      *string  // `*T(key)` / `*T()`: the key name ("" for the map form)
}

type cType struct {
	name   string
	pos    int
	fields []cField // ascending tags
}

type cProto struct {
	name     string
	pos      int
	tag      int64
	request  string
	response string
	confirm  bool
}

type compiler struct {
	src    string
	types  map[string]*cType
	tops   map[string]bool // top-level type names already defined
	protos []*cProto
	byName map[string]*cProto
}

// ParseBundle compiles schema text into the binary bundle, byte for byte
// what sprotoparser.parse returns. name labels syntax errors; "" means
// "=text" as in the reference.
func ParseBundle(text, name string) ([]byte, error) {
	if name == "" {
		name = "=text"
	}
	tops, err := parseText(text, name)
	if err != nil {
		return nil, err
	}
	c := &compiler{src: text, types: map[string]*cType{}, tops: map[string]bool{}, byName: map[string]*cProto{}}
	if err := c.adjust(tops); err != nil {
		return nil, err
	}
	if err := c.checkProtocols(); err != nil {
		return nil, err
	}
	if err := c.resolveTypes(); err != nil {
		return nil, err
	}
	return c.emit()
}

// Parse compiles schema text and loads the result (sproto.parse).
func Parse(text string) (*Schema, error) {
	b, err := ParseBundle(text, "")
	if err != nil {
		return nil, err
	}
	return Load(b)
}

func (c *compiler) fail(pos int, format string, args ...any) error {
	line := 0
	if pos >= 0 {
		line = 1 + strings.Count(c.src[:pos], "\n")
	}
	return &SchemaError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (c *compiler) adjust(tops []astTop) error {
	for _, top := range tops {
		if t := top.typ; t != nil {
			if c.tops[t.name] {
				return c.fail(t.pos, "redefined %s", t.name)
			}
			ct, err := c.convertType(t.name, t.pos, t.items)
			if err != nil {
				return err
			}
			c.tops[t.name] = true
			c.types[t.name] = ct
			continue
		}
		pr := top.proto
		if c.byName[pr.name] != nil {
			return c.fail(pr.pos, "redefined %s", pr.name)
		}
		cp, err := c.convertProtocol(pr)
		if err != nil {
			return err
		}
		c.byName[pr.name] = cp
		c.protos = append(c.protos, cp)
	}
	return nil
}

func (c *compiler) convertType(name string, pos int, items []astItem) (*cType, error) {
	t := &cType{name: name, pos: pos}
	names := map[string]bool{}
	tags := map[int64]bool{}
	for _, it := range items {
		if nt := it.typ; nt != nil {
			full := name + "." + nt.name
			if _, dup := c.types[full]; dup {
				return nil, c.fail(nt.pos, "redefined %s", full)
			}
			ct, err := c.convertType(full, nt.pos, nt.items)
			if err != nil {
				return nil, err
			}
			c.types[full] = ct
			continue
		}
		f := it.field
		if names[f.name] {
			return nil, c.fail(f.pos, "redefine %s in type %s", f.name, name)
		}
		names[f.name] = true
		if tags[f.tag] {
			return nil, c.fail(f.pos, "redefine tag %d in type %s", f.tag, name)
		}
		tags[f.tag] = true
		cf := cField{name: f.name, tag: f.tag, array: f.array, typename: f.typ}
		// The reference reads the suffix from a fixed capture slot: the
		// first suffix capture for arrays, the second otherwise. So a
		// number suffix on a scalar is seen (its numeric capture), while a
		// word suffix on a scalar is silently dropped.
		slot := 1
		if f.array {
			slot = 0
		}
		if slot < len(f.suffix) {
			s := f.suffix[slot]
			switch {
			case f.typ == "integer":
				cf.decimal = &s
			case !f.array:
				return nil, c.fail(f.pos, "assertion failed!")
			default:
				k := s.text
				cf.key = &k
			}
		}
		t.fields = append(t.fields, cf)
	}
	sort.Slice(t.fields, func(i, j int) bool { return t.fields[i].tag < t.fields[j].tag })
	return t, nil
}

func (c *compiler) convertProtocol(pr *astProto) (*cProto, error) {
	cp := &cProto{name: pr.name, pos: pr.pos, tag: pr.tag}
	seen := map[string]bool{}
	for _, s := range pr.subs {
		if seen[s.kind] {
			return nil, c.fail(pr.pos, "redefine %s in protocol %s", s.kind, pr.name)
		}
		typename := s.typename
		if typename == "" {
			typename = pr.name + "." + s.kind
			ct, err := c.convertType(typename, pr.pos, s.inline)
			if err != nil {
				return nil, err
			}
			c.types[typename] = ct
		}
		if typename == "nil" {
			if s.kind == "response" {
				cp.confirm = true
			}
			continue
		}
		seen[s.kind] = true
		if s.kind == "request" {
			cp.request = typename
		} else {
			cp.response = typename
		}
	}
	return cp, nil
}

func (c *compiler) checkProtocols() error {
	byTag := map[int64]*cProto{}
	for _, p := range c.protos {
		if prev := byTag[p.tag]; prev != nil {
			return c.fail(p.pos, "redefined protocol tag %d at %s", p.tag, prev.name)
		}
		if p.request != "" && c.types[p.request] == nil {
			return c.fail(p.pos, "Undefined request type %s in protocol %s", p.request, p.name)
		}
		if p.response != "" && c.types[p.response] == nil {
			return c.fail(p.pos, "Undefined response type %s in protocol %s", p.response, p.name)
		}
		byTag[p.tag] = p
	}
	return nil
}

// builtinCode maps builtin type names to their bundle codes.
func builtinCode(name string) (int64, bool) {
	switch name {
	case "integer":
		return int64(Integer), true
	case "boolean":
		return int64(Boolean), true
	case "string", "binary":
		return int64(String), true
	case "double":
		return int64(Double), true
	}
	return 0, false
}

// resolveTypes replaces each field's type name by the full name it refers
// to: the innermost enclosing scope first, then outward, then global.
func (c *compiler) resolveTypes() error {
	for _, name := range c.sortedTypeNames() {
		t := c.types[name]
		for i := range t.fields {
			f := &t.fields[i]
			full, ok := c.lookup(name, f.typename)
			if !ok {
				return c.fail(t.pos, "Undefined type %s in type %s", f.typename, name)
			}
			f.typename = full
		}
	}
	return nil
}

func (c *compiler) lookup(scope, name string) (string, bool) {
	if _, ok := builtinCode(name); ok {
		return name, true
	}
	for {
		if full := scope + "." + name; c.types[full] != nil {
			return full, true
		}
		i := strings.LastIndexByte(scope, '.')
		if i <= 0 || i == len(scope)-1 {
			break
		}
		scope = scope[:i]
	}
	if c.types[name] != nil {
		return name, true
	}
	return "", false
}

func (c *compiler) sortedTypeNames() []string {
	names := make([]string, 0, len(c.types))
	for n := range c.types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
