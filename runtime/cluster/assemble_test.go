package cluster_test

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
)

// Frame bodies built by hand, for sequences no packer would produce.
func header(session, total uint32) cluster.Request {
	return cluster.Request{Kind: cluster.ReqHeader, Addr: cluster.HandleAddr(1), Session: session, Total: total}
}

func part(session uint32, data string) cluster.Request {
	return cluster.Request{Kind: cluster.ReqPart, Session: session, Data: []byte(data)}
}

func last(session uint32, data string) cluster.Request {
	return cluster.Request{Kind: cluster.ReqLast, Session: session, Data: []byte(data)}
}

// step is one frame fed to an assembler and what it must give.
type step struct {
	r       cluster.Request
	payload string // the Call completed, if any
	done    bool   // a Call completes even though payload is empty
	err     error  // sentinel expected, if any
	reason  string // substring of the SequenceError reason
}

func runSteps(t *testing.T, a *cluster.RequestAssembler, steps []step) {
	t.Helper()
	for i, s := range steps {
		c, done, err := a.Add(s.r)
		switch {
		case s.err != nil:
			var se *cluster.SequenceError
			if !errors.Is(err, s.err) || !errors.As(err, &se) || se.Session != s.r.Session || !strings.Contains(se.Reason, s.reason) {
				t.Fatalf("step %d (%v): err = %v, want %v for session %d (%q)", i, s.r.Kind, err, s.err, s.r.Session, s.reason)
			}
			if done {
				t.Fatalf("step %d: a call alongside an error", i)
			}
		case err != nil:
			t.Fatalf("step %d (%v): %v", i, s.r.Kind, err)
		case done != (s.done || s.payload != "") || string(c.Payload) != s.payload:
			t.Fatalf("step %d: got %q (done %v), want %q", i, c.Payload, done, s.payload)
		}
	}
}

func TestRequestAssemblerMisuse(t *testing.T) {
	broken := cluster.ErrBrokenSequence
	for name, steps := range map[string][]step{
		"part without header": {
			{r: part(5, "ab"), err: broken, reason: "part without a header"},
			{r: part(5, "cd")}, // already reported: dropped
			{r: last(5, "ef")}, // ends the broken sequence quietly
			{r: header(5, 2)},  // the session is usable again
			{r: last(5, "xy"), payload: "xy"},
		},
		"last without header": {
			{r: last(6, "ab"), err: broken, reason: "last part without a header"},
		},
		"short of total": {
			{r: header(7, 10)},
			{r: part(7, "abcd")},
			{r: last(7, "efgh"), err: broken, reason: "parts give 8 of the declared 10 bytes"},
		},
		"over total": {
			{r: header(8, 5)},
			{r: part(8, "abcd")},
			{r: part(8, "efgh"), err: broken, reason: "parts exceed the declared 5 bytes"},
			{r: last(8, "i")},
		},
		"over total on last": {
			{r: header(8, 5)},
			{r: last(8, "abcdef"), err: broken, reason: "parts exceed"},
			{r: header(8, 1)},
			{r: last(8, "z"), payload: "z"},
		},
		"second header": {
			{r: header(9, 4)},
			{r: part(9, "ab")},
			{r: header(9, 4), err: broken, reason: "second header"},
			{r: part(9, "cd")},
			{r: last(9, "")},
		},
		"oversize total": {
			{r: header(10, 101), err: cluster.ErrTooLarge, reason: "declared 101 bytes, limit 100"},
			{r: part(10, strings.Repeat("x", 100))},
			{r: last(10, "x")},
		},
		"interleaved sessions": {
			{r: header(1, 4)},
			{r: header(2, 3)},
			{r: part(2, "xy")},
			{r: part(1, "ab")},
			{r: cluster.Request{Kind: cluster.ReqSingle, Session: 3, Data: []byte("single")}, payload: "single"},
			{r: last(1, "cd"), payload: "abcd"},
			{r: last(2, "z"), payload: "xyz"},
		},
		"empty total": {
			{r: header(4, 0)},
			{r: last(4, ""), done: true},
		},
	} {
		t.Run(name, func(t *testing.T) {
			a := cluster.NewRequestAssembler(cluster.WithMaxSize(100))
			runSteps(t, a, steps)
			if a.Pending() != 0 {
				t.Fatalf("%d left pending", a.Pending())
			}
		})
	}
}

func TestRequestAssemblerEmptyPayloadNotNil(t *testing.T) {
	var a cluster.RequestAssembler
	a.Add(header(4, 0))
	c, done, err := a.Add(last(4, ""))
	if !done || err != nil || c.Payload == nil {
		t.Fatalf("empty multi-part payload: %v %v nil=%v", done, err, c.Payload == nil)
	}
}

func TestTooManyPending(t *testing.T) {
	a := cluster.NewRequestAssembler(cluster.WithMaxPending(2))
	runSteps(t, a, []step{
		{r: header(1, 10)},
		{r: part(2, "x"), err: cluster.ErrBrokenSequence}, // a broken entry counts too
		{r: header(3, 10), err: cluster.ErrTooManyPending, reason: "2 already open"},
		{r: part(4, "x"), err: cluster.ErrTooManyPending},
	})
	if !a.Discard(1) || a.Discard(1) || a.Pending() != 1 {
		t.Fatalf("Discard: pending %d", a.Pending())
	}
	runSteps(t, a, []step{{r: header(3, 1)}, {r: last(3, "k"), payload: "k"}})
	a.Reset()
	if a.Pending() != 0 {
		t.Fatal("Reset kept entries")
	}

	r := cluster.NewResponseAssembler(cluster.WithMaxPending(1))
	r.Add(cluster.Response{Session: 1, Kind: cluster.RespBegin, Total: 9})
	if _, _, err := r.Add(cluster.Response{Session: 2, Kind: cluster.RespBegin, Total: 9}); !errors.Is(err, cluster.ErrTooManyPending) {
		t.Fatalf("second open reply: %v", err)
	}
}

func TestTraceTagAttaches(t *testing.T) {
	trace := func(tag string) cluster.Request { return cluster.Request{Kind: cluster.ReqTrace, Data: []byte(tag)} }
	single := cluster.Request{Kind: cluster.ReqSingle, Session: 1, Data: []byte("p")}
	var a cluster.RequestAssembler

	a.Add(trace("(a-b-1)x"))
	if c, _, _ := a.Add(single); c.TraceTag != "(a-b-1)x" {
		t.Fatalf("single: tag %q", c.TraceTag)
	}
	if c, _, _ := a.Add(single); c.TraceTag != "" {
		t.Fatalf("the tag leaked onto the next call: %q", c.TraceTag)
	}

	// A header keeps the tag for the call its last part completes, even
	// when another trace frame arrives in between.
	a.Add(trace("(a-b-2)y"))
	a.Add(header(2, 2))
	a.Add(trace("(a-b-3)z"))
	a.Add(part(2, "a"))
	if c, done, _ := a.Add(last(2, "b")); !done || c.TraceTag != "(a-b-2)y" {
		t.Fatalf("multi-part: tag %q", c.TraceTag)
	}

	// The tag given to the data frame (z) did not survive it.
	if c, _, _ := a.Add(single); c.TraceTag != "" {
		t.Fatalf("a tag survived a data frame: %q", c.TraceTag)
	}

	// The tag is copied: the frame it came from may be reused.
	buf := []byte("(a-b-4)w")
	a.Add(cluster.Request{Kind: cluster.ReqTrace, Data: buf})
	clear(buf) // the frame's bytes are reused for something else
	if c, _, _ := a.Add(single); c.TraceTag != "(a-b-4)w" {
		t.Fatalf("tag aliased its frame: %q", c.TraceTag)
	}
}

func TestAssemblerUnknownKind(t *testing.T) {
	var a cluster.RequestAssembler
	if _, _, err := a.Add(cluster.Request{}); !errors.Is(err, cluster.ErrMalformedRequest) {
		t.Fatalf("zero Request: %v", err)
	}
	var r cluster.ResponseAssembler
	if _, _, err := r.Add(cluster.Response{Kind: 9}); !errors.Is(err, cluster.ErrNotResponse) {
		t.Fatalf("kind 9: %v", err)
	}
}

func TestResponseAssembler(t *testing.T) {
	resp := func(session uint32, kind cluster.ResponseKind, data string) cluster.Response {
		return cluster.Response{Session: session, Kind: kind, Data: []byte(data)}
	}
	begin := func(session, total uint32) cluster.Response {
		return cluster.Response{Session: session, Kind: cluster.RespBegin, Total: total}
	}
	type rstep struct {
		r    cluster.Response
		done bool
		ok   bool
		data string
		err  error
	}
	for name, steps := range map[string][]rstep{
		"multi": {
			{r: begin(1, 5)}, {r: resp(1, cluster.RespPart, "ab")}, {r: resp(1, cluster.RespPart, "cd")},
			{r: resp(1, cluster.RespEnd, "e"), done: true, ok: true, data: "abcde"},
		},
		// skynet cannot tell type 1 from type 4 on receipt.
		"ok ends a multi": {
			{r: begin(1, 2)}, {r: resp(1, cluster.RespPart, "a")},
			{r: resp(1, cluster.RespOK, "b"), done: true, ok: true, data: "ab"},
		},
		"end alone is a reply": {
			{r: resp(2, cluster.RespEnd, "x"), done: true, ok: true, data: "x"},
		},
		"error drops the multi": {
			{r: begin(3, 9)}, {r: resp(3, cluster.RespPart, "abc")},
			{r: resp(3, cluster.RespError, "boom"), done: true, data: "boom"},
			{r: resp(3, cluster.RespEnd, "x"), done: true, ok: true, data: "x"},
		},
		"part without begin": {
			{r: resp(4, cluster.RespPart, "abc"), err: cluster.ErrBrokenSequence},
			{r: resp(4, cluster.RespEnd, "d")}, // closes the broken one quietly
		},
		"short": {
			{r: begin(5, 4)}, {r: resp(5, cluster.RespEnd, "abc"), err: cluster.ErrBrokenSequence},
		},
		"oversize": {
			{r: begin(6, math.MaxUint32), err: cluster.ErrTooLarge},
			{r: resp(6, cluster.RespPart, "abc")},
			{r: resp(6, cluster.RespEnd, "d")},
		},
	} {
		t.Run(name, func(t *testing.T) {
			var a cluster.ResponseAssembler
			for i, s := range steps {
				rep, done, err := a.Add(s.r)
				if s.err != nil {
					if !errors.Is(err, s.err) {
						t.Fatalf("step %d: %v, want %v", i, err, s.err)
					}
					continue
				}
				if err != nil || done != s.done || done && (rep.OK != s.ok || string(rep.Data) != s.data || rep.Session != s.r.Session) {
					t.Fatalf("step %d: %+v done=%v %v", i, rep, done, err)
				}
			}
			if a.Pending() != 0 {
				t.Fatalf("%d pending", a.Pending())
			}
		})
	}
	var a cluster.ResponseAssembler
	a.Add(begin(7, 3))
	if !a.Discard(7) || a.Pending() != 0 {
		t.Fatal("Discard")
	}
	a.Add(begin(7, 3))
	a.Reset()
	if a.Pending() != 0 {
		t.Fatal("Reset")
	}
}

func TestWithMaxSizeClamps(t *testing.T) {
	for _, n := range []int{0, -1} {
		a := cluster.NewRequestAssembler(cluster.WithMaxSize(n))
		if _, _, err := a.Add(header(1, cluster.DefaultMaxSize)); err != nil {
			t.Fatalf("WithMaxSize(%d) refuses the default size: %v", n, err)
		}
		if _, _, err := a.Add(header(2, cluster.DefaultMaxSize+1)); !errors.Is(err, cluster.ErrTooLarge) {
			t.Fatalf("WithMaxSize(%d) accepts over the default: %v", n, err)
		}
	}
	a := cluster.NewRequestAssembler(cluster.WithMaxSize(math.MaxInt), cluster.WithMaxPending(-1))
	if _, _, err := a.Add(header(1, largestTotal)); err != nil {
		t.Fatalf("no limit but the format's: %v", err)
	}
}

// largestTotal is the largest total an assembler can accept: the format's
// 4 GiB, or less where an int cannot count that far (32-bit platforms).
var largestTotal = uint32(min(uint64(math.MaxUint32), uint64(math.MaxInt)))

// TestHostileTotalAllocs is the memory budget: a header claiming 4 GiB
// costs nothing to decode, and an assembler told to accept it still only
// holds what has actually arrived.
func TestHostileTotalAllocs(t *testing.T) {
	hostile := []byte{0x01, 1, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}
	named := append([]byte{0xc1, 4}, "@big\x01\x00\x00\x00\xff\xff\xff\xff"...)
	begin := []byte{1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff}
	if n := testing.AllocsPerRun(100, func() {
		r, err := cluster.UnpackRequest(hostile)
		if err != nil || r.Total != math.MaxUint32 {
			t.Fatal(r, err)
		}
		if _, err := cluster.UnpackResponse(begin); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("decoding a 4 GiB header: %v allocs", n)
	}
	// A named header allocates its name and nothing else.
	if n := testing.AllocsPerRun(100, func() { cluster.UnpackRequest(named) }); n > 1 {
		t.Errorf("decoding a named 4 GiB header: %v allocs", n)
	}

	// Default limits: refused before anything is buffered.
	var def cluster.RequestAssembler
	r, _ := cluster.UnpackRequest(hostile)
	if _, _, err := def.Add(r); !errors.Is(err, cluster.ErrTooLarge) {
		t.Fatalf("default limit: %v", err)
	}

	// No limit: memory follows the parts, not the header.
	chunk := cluster.Request{Kind: cluster.ReqPart, Session: 1, Data: bytes.Repeat([]byte{1}, cluster.PartSize)}
	var rep cluster.ResponseAssembler
	r.Total = largestTotal
	begun, _ := cluster.UnpackResponse(begin)
	begun.Total = largestTotal
	allocated := measureAlloc(func() {
		a := cluster.NewRequestAssembler(cluster.WithMaxSize(math.MaxInt))
		ra := cluster.NewResponseAssembler(cluster.WithMaxSize(math.MaxInt))
		if _, _, err := a.Add(r); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ra.Add(begun); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			if _, _, err := a.Add(chunk); err != nil {
				t.Fatal(err)
			}
			if _, _, err := ra.Add(cluster.Response{Session: 1, Kind: cluster.RespPart, Data: chunk.Data}); err != nil {
				t.Fatal(err)
			}
		}
		rep = *ra
		runtime.KeepAlive(a)
	})
	t.Logf("4 GiB headers + 2x128 KiB of parts: %d bytes allocated", allocated)
	// 4 chunks of 32 KiB each side; doubling may reach twice that.
	if limit := uint64(4 * 2 * 2 * cluster.PartSize); allocated > limit {
		t.Fatalf("4 GiB headers + 128 KiB of parts allocated %d bytes, budget %d", allocated, limit)
	}
	if rep.Pending() != 1 {
		t.Fatal("reply not pending")
	}
}

func measureAlloc(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestDecodeAllocs: decoding a handle-addressed frame and a response never
// allocates; their data alias the body.
func TestDecodeAllocs(t *testing.T) {
	req, _, _ := cluster.PackRequest(cluster.HandleAddr(0x01000002), 3, payloadOf(64))
	resp, _ := cluster.PackResponse(3, true, payloadOf(64))
	reqBody, respBody := req[0][2:], resp[0][2:]
	if n := testing.AllocsPerRun(100, func() {
		r, _ := cluster.UnpackRequest(reqBody)
		p, _ := cluster.UnpackResponse(respBody)
		if &r.Data[0] != &reqBody[9] || &p.Data[0] != &respBody[5] {
			t.Fatal("data does not alias the body")
		}
	}); n != 0 {
		t.Fatalf("%v allocs", n)
	}
}
