// Package payload turns the captured first bytes of a message into a
// value for display, in the trace reader and never on the dispatch path:
// lua, response and debug bodies are skynet.pack streams (shown as the
// list of packed values), text bodies are strings, and client messages to
// a clusteragent are cluster requests (address, session and arguments).
// Bodies longer than the capture are decoded as far as the captured bytes
// go and end with a "…" element.
//
// Values are JSON-shaped (nil, bool, int64, float64, string, []any,
// map[string]any) so the JSON-lines exporter writes them as they are, and
// Format renders them the way Lua code writes them.
package payload

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skyconsole/skyconsole/runtime/cluster"
	"github.com/skyconsole/skyconsole/runtime/seri"
	"github.com/skyconsole/skyconsole/tracer"
)

// Truncated ends a value list whose body was longer than the capture.
const Truncated = "…"

// maxItems bounds how many elements one table shows.
const maxItems = 16

// Decoder returns a tracer.Decoder; names tells which services are
// cluster agents (their client messages are cluster frames).
func Decoder(names tracer.Names) tracer.Decoder {
	return func(e *tracer.Event) any {
		body := e.Captured()
		if len(body) == 0 {
			return nil
		}
		cut := int(e.Size) > len(body)
		switch e.Type {
		case tracer.TypeLua, tracer.TypeResponse, tracer.TypeDebug:
			return Values(body, cut)
		case tracer.TypeText:
			s := string(body)
			if cut {
				s += Truncated
			}
			return s
		case tracer.TypeClient:
			if names != nil && names.Name(e.Dest) == "clusteragent" {
				return clusterRequest(body, cut)
			}
		}
		return nil
	}
}

// Values decodes a skynet.pack stream into the list of its values. A
// stream that does not decode gives nil, unless cut says the bytes stop
// early: then what decoded is returned, ending with Truncated.
func Values(body []byte, cut bool) any {
	d := seri.NewDecoder(body)
	out := []any{}
	for d.More() {
		v, err := value(d)
		if err != nil {
			if cut {
				return append(out, Truncated)
			}
			return nil
		}
		out = append(out, v)
	}
	if cut {
		out = append(out, Truncated)
	}
	return out
}

func value(d *seri.Decoder) (any, error) {
	v, err := d.Next()
	if err != nil {
		return nil, err
	}
	switch v.Kind {
	case seri.KindNil:
		return nil, nil
	case seri.KindBool:
		return v.Bool, nil
	case seri.KindInt:
		return v.Int, nil
	case seri.KindReal:
		return v.Real, nil
	case seri.KindUserdata:
		return fmt.Sprintf("userdata: 0x%x", v.Pointer), nil
	case seri.KindString:
		return string(v.Str), nil
	}
	arr := make([]any, 0, min(v.ArrayLen, maxItems))
	for i := 0; i < v.ArrayLen; i++ {
		x, err := value(d)
		if err != nil {
			return nil, err
		}
		if i < maxItems {
			arr = append(arr, x)
		}
	}
	var hash map[string]any
	for {
		k, ok, err := d.NextKey()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		key := keyString(k)
		x, err := value(d)
		if err != nil {
			return nil, err
		}
		if hash == nil {
			hash = map[string]any{}
		}
		if len(hash) < maxItems {
			hash[key] = x
		}
	}
	if hash == nil {
		return arr, nil
	}
	for i, x := range arr {
		hash[strconv.Itoa(i+1)] = x
	}
	return hash, nil
}

func keyString(k seri.Value) string {
	switch k.Kind {
	case seri.KindString:
		return string(k.Str)
	case seri.KindInt:
		return strconv.FormatInt(k.Int, 10)
	case seri.KindReal:
		return strconv.FormatFloat(k.Real, 'g', -1, 64)
	case seri.KindBool:
		return strconv.FormatBool(k.Bool)
	}
	return "[" + k.Kind.String() + "]"
}

// clusterRequest shows a cluster frame: where it goes and what it carries.
func clusterRequest(body []byte, cut bool) any {
	req, err := cluster.UnpackRequest(body)
	if err != nil {
		if cut {
			return map[string]any{"cluster": "request", "args": []any{Truncated}}
		}
		return nil
	}
	out := map[string]any{"cluster": req.Kind.String(), "session": int64(req.Session)}
	if req.Kind == cluster.ReqSingle || req.Kind == cluster.ReqHeader {
		if name, ok := req.Addr.Name(); ok {
			out["addr"] = name
		} else {
			h, _ := req.Addr.Handle()
			out["addr"] = fmt.Sprintf(":%08x", h)
		}
		if req.Push {
			out["push"] = true
		}
	}
	if req.Kind == cluster.ReqSingle {
		if args := Values(req.Data, cut); args != nil {
			out["args"] = args
		}
	}
	return out
}

// Format writes a decoded value as Lua code would: a value list as
// comma-separated values, tables in braces, strings quoted.
func Format(v any) string {
	var b strings.Builder
	if list, ok := v.([]any); ok {
		for i, x := range list {
			if i > 0 {
				b.WriteString(", ")
			}
			formatValue(&b, x)
		}
		return b.String()
	}
	formatValue(&b, v)
	return b.String()
}

func formatValue(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("nil")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		switch {
		case math.IsInf(v, 1):
			b.WriteString("math.huge")
		case math.IsInf(v, -1):
			b.WriteString("-math.huge")
		default:
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
	case string:
		if v == Truncated {
			b.WriteString(v)
			return
		}
		quote(b, v)
	case []any:
		b.WriteByte('{')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			formatValue(b, x)
		}
		b.WriteByte('}')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			if isIdent(k) {
				b.WriteString(k)
			} else {
				b.WriteByte('[')
				if _, err := strconv.ParseInt(k, 10, 64); err == nil {
					b.WriteString(k)
				} else {
					quote(b, k)
				}
				b.WriteByte(']')
			}
			b.WriteByte('=')
			formatValue(b, v[k])
		}
		b.WriteByte('}')
	default:
		fmt.Fprint(b, v)
	}
}

// quote writes s as a Lua string literal, bytes that are not printable
// UTF-8 as \ddd escapes, at most 64 characters.
func quote(b *strings.Builder, s string) {
	const max = 64
	b.WriteByte('"')
	n := 0
	for i := 0; i < len(s); {
		if n == max {
			b.WriteString("...")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0x7f:
			fmt.Fprintf(b, `\%d`, s[i])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
		n++
	}
	b.WriteByte('"')
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && (i == 0 || !(r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}
