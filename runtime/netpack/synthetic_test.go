package netpack_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// syntheticVectors covers the edges section 5 of wire-formats.md lists
// that the shared vector file leaves to the held-out set: closes,
// interleaved connections and maximum-size frames. They use the shared
// file's format, so the same replay code is exercised on its close and
// second-connection forms.
func syntheticVectors(t testing.TB) []vector {
	t.Helper()
	big := bytes.Repeat([]byte{'c'}, 0xffff)
	bigFrame := append([]byte{0xff, 0xff}, big...)
	h := hex.EncodeToString
	lines := []string{
		`{"case":"syn_close_drops_partial","direction":"filter","input":{"chunks":["000561",{"close":true},"000162"]},
		  "events":[{"type":"none"},{"type":"close","conn":0},{"type":"data","conn":0,"frames":["62"]}]}`,
		`{"case":"syn_close_drops_header_byte","direction":"filter","input":{"chunks":["00016100",{"close":true},"000163"]},
		  "events":[{"type":"more","frames":[{"conn":0,"hex":"61"}]},{"type":"close"},{"type":"data","conn":0,"frames":["63"]}]}`,
		`{"case":"syn_interleaved","direction":"filter","input":{"chunks":["0003",{"conn":1,"hex":"000178"},"616263",{"conn":1,"hex":"00"},{"conn":1,"hex":"0179000100"},"0000"]},
		  "events":[{"type":"none"},{"type":"data","conn":1,"frames":["78"]},{"type":"data","conn":0,"frames":["616263"]},{"type":"none"},
		            {"type":"more","frames":[{"conn":1,"hex":"79"},{"conn":1,"hex":"00"}]},{"type":"data","conn":0,"frames":[""]}]}`,
		`{"case":"syn_close_one_of_two","direction":"filter","input":{"chunks":["000261",{"conn":1,"hex":"0003"},{"close":true,"conn":1},"62",{"conn":1,"hex":"000100"}]},
		  "events":[{"type":"none"},{"type":"none"},{"type":"close","conn":1},{"type":"data","conn":0,"frames":["6162"]},{"type":"data","conn":1,"frames":["00"]}]}`,
		`{"case":"syn_max_frame_split","direction":"filter","input":{"chunks":["` + h(bigFrame[:1]) + `","` + h(bigFrame[1:40000]) + `","` + h(bigFrame[40000:]) + `00"]},
		  "events":[{"type":"none"},{"type":"none"},{"type":"more","frames":[{"conn":0,"hex":"` + h(big) + `"}]}]}`,
		`{"case":"syn_max_frames_one_read","direction":"filter","input":{"chunks":["` + h(bigFrame) + h(bigFrame) + `"]},
		  "events":[{"type":"more","frames":[{"conn":0,"hex":"` + h(big) + `"},{"conn":0,"hex":"` + h(big) + `"}]}]}`,
	}
	var out []vector
	for _, l := range lines {
		var v vector
		if err := json.Unmarshal([]byte(strings.Join(strings.Fields(l), " ")), &v); err != nil {
			t.Fatalf("synthetic vector: %v\n%s", err, l)
		}
		out = append(out, v)
	}
	return out
}

func TestSyntheticVectors(t *testing.T) {
	for _, v := range syntheticVectors(t) {
		t.Run(v.Case, func(t *testing.T) { checkFilterVector(t, v) })
	}
}
