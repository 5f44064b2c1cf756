package tracer

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func writeAll(t *testing.T, x Exporter, evs []Event) {
	t.Helper()
	for i := range evs {
		if err := x.WriteEvent(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestJSONLGolden(t *testing.T) {
	var buf bytes.Buffer
	writeAll(t, NewJSONLWriter(&buf, fixtureNames, fixtureDecoder), fixture())
	golden(t, "trace.jsonl", buf.Bytes())

	// Every line is valid JSON with the contract's keys in order.
	for i, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		keys := keyOrder(t, line)
		want := []string{"seq", "t", "now", "node", "type", "ptype", "session", "src", "dst", "src_name", "dst_name", "size"}
		if !hasPrefix(keys, want) {
			t.Errorf("line %d keys %v", i+1, keys)
		}
	}
}

func keyOrder(t *testing.T, line string) []string {
	dec := json.NewDecoder(strings.NewReader(line))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && dec.More() {
				keys = append(keys, v)
				// skip the value
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func hasPrefix(s, prefix []string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range prefix {
		if s[i] != prefix[i] {
			return false
		}
	}
	return true
}

func TestJSONLRoundTrip(t *testing.T) {
	var first bytes.Buffer
	in := fixture()
	writeAll(t, NewJSONLWriter(&first, fixtureNames, fixtureDecoder), in)

	recs, err := ReadJSONL(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(in) {
		t.Fatalf("read %d records, wrote %d", len(recs), len(in))
	}
	names := NameMap{}
	decoded := map[uint64]json.RawMessage{}
	for i, r := range recs {
		want := in[i]
		if want.Type != TypeSocket && want.Type != TypeClient {
			want.Fd = 0 // not written for other types
		}
		want.Tag = strings.ToValidUTF8(want.Tag, "\uFFFD")
		if r.Event != want {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, r.Event, want)
		}
		names[r.Source], names[r.Dest] = r.SrcName, r.DstName
		if r.Decoded != nil {
			decoded[r.Seq] = r.Decoded
		}
	}
	// Writing what was read gives the same bytes.
	var second bytes.Buffer
	evs := make([]Event, len(recs))
	for i := range recs {
		evs[i] = recs[i].Event
	}
	writeAll(t, NewJSONLWriter(&second, names, func(e *Event) any {
		if raw, ok := decoded[e.Seq]; ok {
			return raw
		}
		return nil
	}), evs)
	// Invalid UTF-8 in a tag is written as \ufffd and read back as U+FFFD,
	// which is then written as itself; every other line is byte-identical.
	fl, sl := bytes.Split(first.Bytes(), []byte("\n")), bytes.Split(second.Bytes(), []byte("\n"))
	if len(fl) != len(sl) {
		t.Fatalf("%d lines, then %d", len(fl), len(sl))
	}
	for i := range fl {
		if !bytes.Equal(fl[i], sl[i]) && !bytes.Contains(fl[i], []byte(`\ufffd`)) {
			t.Errorf("line %d changed:\n%s\n%s", i+1, fl[i], sl[i])
		}
	}
}

func TestReadJSONLTolerance(t *testing.T) {
	in := `{"seq":1,"future_key":{"a":[1,2]},"type":"lua","src":":0100000a","dst":"0100000b","outcome":"dead"}

{"seq":2,"type":"ptype_77","ptype":9,"t":"2024-01-02T03:04:05.5Z","sock":"data","hex":"` + strings.Repeat("ab", 60) + `"}`
	recs, err := ReadJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	a, b := recs[0], recs[1]
	if a.Type != TypeLua || a.Source != 0x0100000a || a.Dest != 0x0100000b || a.Outcome != Dead {
		t.Errorf("first record %+v", a.Event)
	}
	if b.Type != 9 {
		t.Errorf("ptype must win over type: %d", b.Type)
	}
	if b.Wall != 1704164645500000000 {
		t.Errorf("wall %d", b.Wall)
	}
	if b.PayloadLen != PayloadCap {
		t.Errorf("hex longer than the cap kept %d bytes", b.PayloadLen)
	}

	for _, bad := range []string{
		`{"seq":1,"type":"nope"}`,
		`{"seq":1,"type":"lua","src":":xyz"}`,
		`{"seq":1,"type":"lua","outcome":"meh"}`,
		`{"seq":1,"type":"lua","sock":"meh"}`,
		`{"seq":1,"type":"lua","hex":"zz"}`,
		`{"seq":1,"type":"lua","t":"yesterday"}`,
		`not json`,
	} {
		_, err := ReadJSONL(strings.NewReader("{\"type\":\"lua\"}\n" + bad + "\n"))
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%s: error %v", bad, err)
		}
	}
}

func TestAppendJSONPayloadError(t *testing.T) {
	e := Event{Seq: 1}
	_, err := AppendJSON(nil, &e, nil, func(*Event) any { return make(chan int) })
	if err == nil {
		t.Fatal("unencodable payload accepted")
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "q\"b\\s", "\x00\x01\x1f\x7f", "\b\f\n\r\t", "☃ é 日本", "\xff\xfe", "a\xc3", "\u2028\u2029", "<&>"} {
		checkString(t, s)
	}
}

func checkString(t *testing.T, s string) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	if got := appendString(nil, s); string(got) != strings.TrimSuffix(want.String(), "\n") {
		t.Errorf("appendString(%q) = %s, encoding/json says %s", s, got, want.String())
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "q\"b", "\x00\xff", "\u2028☃"} {
		f.Add(s)
	}
	f.Fuzz(checkString)
}

func FuzzReadJSONL(f *testing.F) {
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf, fixtureNames, fixtureDecoder)
	for _, e := range fixture() {
		buf.Reset()
		if err := w.WriteEvent(&e); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Split the input in two: the reader must cope with any line breaks.
		half := len(data) / 2
		in := append(append(append([]byte{}, data[:half]...), '\n'), data[half:]...)
		recs, err := ReadJSONL(bytes.NewReader(in))
		if err != nil {
			return
		}
		// Whatever parsed must write and parse again to the same events.
		var out bytes.Buffer
		w := NewJSONLWriter(&out, nil, nil)
		for i := range recs {
			if err := w.WriteEvent(&recs[i].Event); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadJSONL(&out)
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, out.Bytes())
		}
		for i := range again {
			want := recs[i].Event
			want.Tag = strings.ToValidUTF8(want.Tag, "\uFFFD")
			if !hasFd(want.Type) {
				want.Fd = 0
			}
			if want.Type != TypeSocket {
				want.Sock = SockNone
			}
			if again[i].Event != want {
				t.Fatalf("record %d:\n got %+v\nwant %+v", i, again[i].Event, want)
			}
		}
	})
}

func TestMermaidGolden(t *testing.T) {
	var buf bytes.Buffer
	writeAll(t, NewMermaidWriter(&buf, fixtureNames), fixture())
	golden(t, "trace.mmd", buf.Bytes())
}

func TestChromeTraceGolden(t *testing.T) {
	var buf bytes.Buffer
	writeAll(t, NewChromeTraceWriter(&buf, fixtureNames), fixture())
	golden(t, "trace.chrome.json", buf.Bytes())

	var doc struct {
		TraceEvents []map[string]any `json:"traceEvents"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var slices int
	for _, ev := range doc.TraceEvents {
		if ev["ph"] == "X" {
			slices++
		}
	}
	if slices != len(fixture()) {
		t.Errorf("%d complete events for %d dispatches", slices, len(fixture()))
	}
}

func TestChromeTraceEmpty(t *testing.T) {
	var buf bytes.Buffer
	writeAll(t, NewChromeTraceWriter(&buf, nil), nil)
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("empty trace is not JSON: %v\n%s", err, buf.Bytes())
	}
}

func TestAppendMicros(t *testing.T) {
	for ns, want := range map[int64]string{0: "0.000", 1: "0.001", 1500: "1.500", 123456789: "123456.789", -2500: "-2.500"} {
		if got := string(appendMicros(nil, ns)); got != want {
			t.Errorf("appendMicros(%d) = %s, want %s", ns, got, want)
		}
	}
}

func TestAppendWallMatchesTimeFormat(t *testing.T) {
	cases := []int64{0, 1, -1, 999999999, 1700000000_000000007, math.MaxInt64, math.MinInt64, -1 << 62}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		cases = append(cases, r.Int64(), r.Int64N(4102444800_000000000))
	}
	for _, ns := range cases {
		want := time.Unix(0, ns).UTC().Format(wallLayout)
		if got := string(appendWall(nil, ns)); got != want {
			t.Fatalf("appendWall(%d) = %s, want %s", ns, got, want)
		}
	}
}
