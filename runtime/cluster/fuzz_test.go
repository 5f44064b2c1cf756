package cluster

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"testing"
)

// vectorFrames returns every frame (with its length prefix) recorded in
// both vector files, in file order, grouped per case: the frames a packer
// produced, the bodies fed to the decoders (framed here), and both sides
// of every capture.
func vectorFrames(tb testing.TB) [][][]byte {
	tb.Helper()
	var cases [][][]byte
	for _, path := range []string{"../../testdata/vectors/cluster.jsonl", "../../testdata/vectors/cluster_capture.jsonl"} {
		fh, err := os.Open(path)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var v struct {
				Frames   []string `json:"frames"`
				BodyHex  *string  `json:"body_hex"`
				Sent     []string `json:"sent_frames"`
				Received []string `json:"received_frames"`
			}
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				tb.Fatal(err)
			}
			var frames [][]byte
			for _, list := range [][]string{v.Frames, v.Sent, v.Received} {
				for _, h := range list {
					b, err := hex.DecodeString(h)
					if err != nil {
						tb.Fatal(err)
					}
					frames = append(frames, b)
				}
			}
			if v.BodyHex != nil {
				b, err := hex.DecodeString(*v.BodyHex)
				if err != nil {
					tb.Fatal(err)
				}
				frames = append(frames, append(appendFrameLen(nil, len(b)), b...))
			}
			cases = append(cases, frames)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	if len(cases) == 0 {
		tb.Fatal("no vectors")
	}
	return cases
}

func seedBodies(f *testing.F) {
	for _, frames := range vectorFrames(f) {
		for _, fr := range frames {
			f.Add(fr[frameHeader:])
		}
	}
}

// FuzzUnpackRequest checks that any body either fails with
// ErrMalformedRequest or decodes to a Request that encodes back to the
// same bytes, with Data a suffix of the body.
func FuzzUnpackRequest(f *testing.F) {
	seedBodies(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := UnpackRequest(body)
		if err != nil {
			if !errors.Is(err, ErrMalformedRequest) {
				t.Fatalf("error %v is not ErrMalformedRequest", err)
			}
			return
		}
		if !bytes.HasSuffix(body, r.Data) {
			t.Fatalf("data %x is not the body's tail", r.Data)
		}
		got := encodeRequest(r)
		if r.Kind == ReqHeader && r.Addr.named {
			body = body[:len(got)] // named headers may carry ignored bytes
		}
		if !bytes.Equal(got, body) {
			t.Fatalf("%+v re-encodes to %x, body %x", r, got, body)
		}
		// Whatever the public packers can express must match too.
		if r.Kind == ReqSingle && len(r.Data) < PartSize && r.Addr.check() == nil && (r.Push || checkSession(r.Session) == nil) {
			pack, session := PackRequest, r.Session
			if r.Push {
				pack, session = PackPush, 1
			}
			frames, _, err := pack(r.Addr, session, r.Data)
			if err != nil || len(frames) != 1 || !bytes.Equal(frames[0][frameHeader:], body) {
				t.Fatalf("packer gives %x, %v; body %x", frames, err, body)
			}
		}
	})
}

// encodeRequest writes any decoded Request back, including the ones the
// packers refuse to make (empty names, session 0 in a header).
func encodeRequest(r Request) []byte {
	le := binary.LittleEndian
	switch r.Kind {
	case ReqSingle:
		b := appendAddr(nil, typeHandle, r.Addr)
		return append(le.AppendUint32(b, r.Session), r.Data...)
	case ReqHeader:
		kind := byte(typeMulti)
		if r.Push {
			kind |= flagPush
		}
		b := appendAddr(nil, kind, r.Addr)
		return le.AppendUint32(le.AppendUint32(b, r.Session), r.Total)
	case ReqPart, ReqLast:
		kind := byte(typePart)
		if r.Kind == ReqLast {
			kind = typeLast
		}
		return append(le.AppendUint32([]byte{kind}, r.Session), r.Data...)
	case ReqTrace:
		return append([]byte{typeTrace}, r.Data...)
	}
	panic("unknown kind")
}

// FuzzUnpackResponse checks that any body either fails with
// ErrNotResponse for exactly the reasons skynet returns nothing, or
// decodes to a Response that encodes back to the same bytes.
func FuzzUnpackResponse(f *testing.F) {
	seedBodies(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := UnpackResponse(body)
		refused := len(body) < 5 || body[4] > 4 || body[4] == 2 && len(body) != 9
		if refused != (err != nil) || err != nil && !errors.Is(err, ErrNotResponse) {
			t.Fatalf("body %x: %v", body, err)
		}
		if err != nil {
			return
		}
		got := appendResponseHead(nil, 0, r.Session, r.Kind)[frameHeader:]
		if r.Kind == RespBegin {
			got = binary.LittleEndian.AppendUint32(got, r.Total)
		}
		if got = append(got, r.Data...); !bytes.Equal(got, body) {
			t.Fatalf("%+v re-encodes to %x, body %x", r, got, body)
		}
		if (r.Kind == RespOK || r.Kind == RespError) && len(r.Data) <= PartSize {
			frames, err := PackResponse(r.Session, r.OK(), r.Data)
			if err != nil || len(frames) != 1 || !bytes.Equal(frames[0][frameHeader:], body) {
				t.Fatalf("PackResponse gives %x, %v; body %x", frames, err, body)
			}
		}
	})
}

// FuzzAssemble feeds a netpack stream of arbitrary frames to both
// assemblers under small limits and checks they stay within budget and
// only fail with SequenceErrors. It then packs two messages built from the
// same bytes, interleaves their frames by seed, and checks both come back
// whole.
func FuzzAssemble(f *testing.F) {
	for _, frames := range vectorFrames(f) {
		// Every vector frame, but bodies over 256 bytes are cut (and their
		// prefix fixed) to stay under maxFuzzStream. Cut chunks make
		// short sequences, which are worth exploring; whole 64 KiB frames
		// seed the decoder fuzzers, and size drives large round trips.
		var stream []byte
		for _, fr := range frames {
			b := fr[frameHeader:]
			b = b[:min(len(b), 256)]
			stream = append(appendFrameLen(stream, len(b)), b...)
		}
		f.Add(stream, uint16(0), uint8(0), uint32(len(stream)), uint64(len(frames)))
		f.Add(stream, uint16(40), uint8(2), uint32(0x8000), uint64(7))
	}
	f.Fuzz(func(t *testing.T, stream []byte, maxSize uint16, maxPending uint8, size uint32, seed uint64) {
		if len(stream) > maxFuzzStream {
			// Longer streams reach nothing a shorter one cannot, and
			// keeping them whole makes every minimisation crawl: the
			// first part is exercised instead.
			stream = stream[:maxFuzzStream]
		}
		opts := []Option{WithMaxSize(int(maxSize)), WithMaxPending(int(maxPending) % 8)}
		o := buildOptions(opts)
		ra, sa := NewRequestAssembler(opts...), NewResponseAssembler(opts...)
		fed := 0
		for rest := stream; len(rest) >= frameHeader; {
			n := int(binary.BigEndian.Uint16(rest))
			if len(rest) < frameHeader+n {
				break
			}
			body := rest[frameHeader : frameHeader+n]
			rest = rest[frameHeader+n:]
			fed += n
			if r, err := UnpackRequest(body); err == nil {
				c, done, err := ra.Add(r)
				checkAssembled(t, err, done, len(c.Payload), o)
			}
			if r, err := UnpackResponse(body); err == nil {
				rep, done, err := sa.Add(r)
				checkAssembled(t, err, done, len(rep.Data), o)
			}
			checkBudget(t, &ra.c, fed, o)
			checkBudget(t, &sa.c, fed, o)
		}

		// Round trip with default limits.
		a := payloadFrom(stream, int(size%(3*PartSize+2)))
		b := payloadFrom(append([]byte{0x5a}, stream...), int(size/7%(2*PartSize+2)))
		rng := rand.New(rand.NewPCG(seed, seed>>1|1))
		reqA, _, errA := PackRequest(NameAddr("@a"), 11, a)
		reqB, _, errB := PackPush(HandleAddr(3), 12, b)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		var calls []Call
		var reqs RequestAssembler
		for _, fr := range interleave(rng, reqA, reqB) {
			r, err := UnpackRequest(fr[frameHeader:])
			if err != nil {
				t.Fatal(err)
			}
			c, done, err := reqs.Add(r)
			if err != nil {
				t.Fatal(err)
			}
			if done {
				calls = append(calls, c)
			}
		}
		if len(calls) != 2 || reqs.Pending() != 0 {
			t.Fatalf("%d calls back from 2, %d pending", len(calls), reqs.Pending())
		}
		for _, c := range calls {
			want := a
			if c.Push {
				want = b
			}
			if !bytes.Equal(c.Payload, want) {
				t.Fatalf("call %v: %d bytes back, sent %d", c.Addr, len(c.Payload), len(want))
			}
		}

		respA, _ := PackResponse(11, true, a)
		respB, _ := PackResponse(12, len(b)%2 == 0, b)
		var resps ResponseAssembler
		n := 0
		for _, fr := range interleave(rng, respA, respB) {
			r, err := UnpackResponse(fr[frameHeader:])
			if err != nil {
				t.Fatal(err)
			}
			rep, done, err := resps.Add(r)
			if err != nil {
				t.Fatal(err)
			}
			if !done {
				continue
			}
			n++
			want := a
			if rep.Session == 12 {
				want = b
				if !rep.OK {
					want = b[:min(len(b), PartSize)]
				}
			}
			if !bytes.Equal(rep.Data, want) {
				t.Fatalf("reply %d: %d bytes back, sent %d", rep.Session, len(rep.Data), len(want))
			}
		}
		if n != 2 || resps.Pending() != 0 {
			t.Fatalf("%d replies back from 2, %d pending", n, resps.Pending())
		}
	})
}

const maxFuzzStream = 4 << 10

func checkAssembled(t *testing.T, err error, done bool, n int, o options) {
	t.Helper()
	var se *SequenceError
	if err != nil && !errors.As(err, &se) {
		t.Fatalf("assembler error %v is not a SequenceError", err)
	}
	if done && err != nil {
		t.Fatal("a message alongside an error")
	}
	// A single frame passes through at any size; only assembled ones are
	// bounded, and a single frame is under 64 KiB.
	if done && n > max(int(o.sizeLimit()), 0xffff) {
		t.Fatalf("%d-byte message over the %d limit", n, o.sizeLimit())
	}
}

// checkBudget: open entries stay within the count limit, and buffers
// within the declared totals and twice what was actually fed.
func checkBudget(t *testing.T, c *collector, fed int, o options) {
	t.Helper()
	if len(c.pending) > o.pendingLimit() {
		t.Fatalf("%d pending, limit %d", len(c.pending), o.pendingLimit())
	}
	held := 0
	for s, p := range c.pending {
		if uint64(cap(p.buf)) > uint64(p.total) || p.total > o.sizeLimit() && p.buf != nil {
			t.Fatalf("session %d: %d bytes buffered for a %d total", s, cap(p.buf), p.total)
		}
		held += cap(p.buf)
	}
	if held > 2*fed {
		t.Fatalf("%d bytes buffered from %d fed", held, fed)
	}
}

// payloadFrom is n bytes cycling through src (zeros if src is empty).
func payloadFrom(src []byte, n int) []byte {
	p := make([]byte, n)
	if len(src) > 0 {
		for i := 0; i < n; i += copy(p[i:], src) {
		}
	}
	return p
}

// interleave merges two frame lists, keeping each one's order.
func interleave(rng *rand.Rand, a, b [][]byte) [][]byte {
	out := make([][]byte, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && rng.IntN(2) == 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}
