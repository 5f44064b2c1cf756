package cluster_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/cluster"
	"github.com/skyconsole/skyconsole/runtime/seri"
)

// TestCaptures replays traffic recorded between real skynet nodes and a
// raw TCP peer. Requests flow toward the listener and responses back, so
// "peer->node" captures have requests in sent_frames and "node->peer"
// ones in received_frames. Every recorded frame must decode to what skynet
// decoded, reassemble into whole calls and replies, and re-encode to the
// same bytes.
func TestCaptures(t *testing.T) {
	var n, frames int
	for _, c := range loadJSONL[capture](t, captureFile) {
		t.Run(c.Case, func(t *testing.T) {
			var reqFrames, respFrames []string
			var reqDecoded, respDecoded []json.RawMessage
			switch c.Direction {
			case "peer->node":
				reqFrames, reqDecoded = c.SentFrames, c.SentDecoded
				respFrames, respDecoded = c.ReceivedFrames, c.ReceivedDecoded
			case "node->peer":
				reqFrames, reqDecoded = c.ReceivedFrames, c.ReceivedDecoded
				respFrames, respDecoded = c.SentFrames, c.SentDecoded
			default:
				t.Fatalf("unknown direction %q", c.Direction)
			}
			calls := replayRequests(t, reqFrames, reqDecoded)
			replies := replayResponses(t, respFrames, respDecoded)
			checkExchange(t, c, calls, replies)
			n++
			frames += len(reqFrames) + len(respFrames)
		})
	}
	t.Logf("%d captures, %d frames", n, frames)
}

type recorded[T any] struct {
	msg    T
	frames [][]byte // the frames that made it up, in order
}

func replayRequests(t *testing.T, frames []string, decoded []json.RawMessage) []recorded[cluster.Call] {
	t.Helper()
	if decoded != nil && len(decoded) != len(frames) {
		t.Fatalf("%d request frames, %d decoded", len(frames), len(decoded))
	}
	var a cluster.RequestAssembler
	var out []recorded[cluster.Call]
	var pending [][]byte
	for i, h := range frames {
		fr := mustHex(t, h)
		r, err := cluster.UnpackRequest(body(t, fr))
		if err != nil {
			t.Fatalf("request frame %d: %v", i, err)
		}
		if decoded != nil {
			compareView(t, "request frame "+strconv.Itoa(i), requestView(r), decoded[i])
		}
		pending = append(pending, fr)
		c, done, err := a.Add(r)
		if err != nil {
			t.Fatalf("request frame %d: %v", i, err)
		}
		if done {
			// Payloads alias the frame; the frame is ours, so that is fine.
			out = append(out, recorded[cluster.Call]{c, pending})
			pending = nil
		}
	}
	if a.Pending() != 0 || pending != nil {
		t.Fatalf("capture ends inside a request")
	}
	return out
}

func replayResponses(t *testing.T, frames []string, decoded []json.RawMessage) []recorded[cluster.Reply] {
	t.Helper()
	if decoded != nil && len(decoded) != len(frames) {
		t.Fatalf("%d response frames, %d decoded", len(frames), len(decoded))
	}
	var a cluster.ResponseAssembler
	var out []recorded[cluster.Reply]
	bySession := map[uint32][][]byte{}
	for i, h := range frames {
		fr := mustHex(t, h)
		r, err := cluster.UnpackResponse(body(t, fr))
		if err != nil {
			t.Fatalf("response frame %d: %v", i, err)
		}
		if decoded != nil {
			compareView(t, "response frame "+strconv.Itoa(i), responseView(r), decoded[i])
		}
		bySession[r.Session] = append(bySession[r.Session], fr)
		rep, done, err := a.Add(r)
		if err != nil {
			t.Fatalf("response frame %d: %v", i, err)
		}
		if done {
			out = append(out, recorded[cluster.Reply]{rep, bySession[r.Session]})
			delete(bySession, r.Session)
		}
	}
	if a.Pending() != 0 {
		t.Fatalf("capture ends inside a reply")
	}
	return out
}

// checkExchange pairs calls with replies and re-encodes both.
func checkExchange(t *testing.T, c capture, calls []recorded[cluster.Call], replies []recorded[cluster.Reply]) {
	t.Helper()
	bySession := map[uint32]cluster.Call{}
	for _, rc := range calls {
		call := rc.msg
		var got [][]byte
		var err error
		if call.Push && call.Session == 0 {
			// The session a single push consumed is not on the wire, and
			// none was: any valid one must give the same bytes.
			got, _, err = cluster.PackPush(call.Addr, 1, call.Payload)
		} else if call.Push {
			got, _, err = cluster.PackPush(call.Addr, call.Session, call.Payload)
		} else {
			got, _, err = cluster.PackRequest(call.Addr, call.Session, call.Payload)
			bySession[call.Session] = call
		}
		if err != nil {
			t.Fatal(err)
		}
		sameFrames(t, "request "+call.Addr.String(), got, rc.frames)
	}

	answered := map[uint32]bool{}
	for _, rr := range replies {
		rep := rr.msg
		call, ok := bySession[rep.Session]
		if !ok || answered[rep.Session] {
			t.Fatalf("reply to session %d, which no unanswered call has", rep.Session)
		}
		answered[rep.Session] = true
		got, err := cluster.PackResponse(rep.Session, rep.OK, rep.Data)
		if err != nil {
			t.Fatal(err)
		}
		sameFrames(t, "reply "+strconv.Itoa(int(rep.Session)), got, rr.frames)
		checkReplyMeaning(t, c, call, rep)
	}
	if c.Direction == "peer->node" && len(answered) != len(bySession) {
		// The node answers every call it gets; the peer side of a
		// node->peer capture only answers what its script chose to.
		t.Fatalf("%d calls, %d answered", len(bySession), len(answered))
	}
}

// checkReplyMeaning checks what the captures say the replies mean: echo
// returns its arguments, a name query returns the packed handle, and the
// node's Lua call returned what the peer's reply carried.
func checkReplyMeaning(t *testing.T, c capture, call cluster.Call, rep cluster.Reply) {
	t.Helper()
	name, named := call.Addr.Name()
	handle, _ := call.Addr.Handle()
	switch {
	case c.Direction == "node->peer" && len(c.CallResult) > 0:
		// call_result is pcall's results: success, then the values.
		ok, isBool := typedValue(t, c.CallResult[0]).(bool)
		if !isBool || ok != rep.OK {
			t.Errorf("pcall gave %s, reply ok = %v", c.CallResult[0], rep.OK)
		}
		if want := packTyped(t, c.CallResult[1:]); rep.OK && !bytes.Equal(rep.Data, want) {
			t.Errorf("reply data %x, but the call returned %x", rep.Data, want)
		}
	case c.EchoHandle != nil && !named && handle == 0 && rep.OK:
		want, err := seri.Pack(int64(*c.EchoHandle))
		if err != nil || !bytes.Equal(rep.Data, want) {
			t.Errorf("query answered %x, want packed handle %x", rep.Data, want)
		}
	case rep.OK && (named && name == "@echo" || c.EchoHandle != nil && !named && handle == *c.EchoHandle):
		if !bytes.Equal(rep.Data, call.Payload) {
			t.Errorf("echo answered %x to %x", rep.Data, call.Payload)
		}
	}
}

func sameFrames(t *testing.T, what string, got, want [][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: packs to %d frames, capture has %d", what, len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("%s: frame %d packs to %x, capture has %x", what, i, got[i], want[i])
		}
	}
}
