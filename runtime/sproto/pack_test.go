package sproto

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

func TestPackRunRules(t *testing.T) {
	full := "0102030405060708"
	seven := "0102030405060700"
	six := "0102030405060000"
	five := "0102030405000000"
	tests := []struct{ name, in, want string }{
		{"seven continues a run", full + seven, "ff01" + full + seven},
		{"six continues a run", full + six, "ff01" + full + six},
		{"five ends a run", full + five, "ff00" + full + "1f0102030405"},
		{"seven alone is normal", seven + full, "7f01020304050607" + "ff00" + full},
		{"padded tail joins a run", full + "010203040506", "ff01" + full + "0102030405060000"},
		{"zero word", "0000000000000000" + full, "00ff00" + full},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hex.EncodeToString(Pack(unhex(t, tt.in)))
			if got != tt.want {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestPackRunCap(t *testing.T) {
	// 256 full words fill one run; a 257th word of seven non-zero bytes
	// cannot continue it and does not start one.
	in := bytes.Repeat([]byte{1}, 256*8)
	in = append(in, 1, 2, 3, 4, 5, 6, 7, 0)
	in = append(in, bytes.Repeat([]byte{9}, 8)...)
	out := Pack(in)
	if out[0] != 0xff || out[1] != 0xff {
		t.Fatalf("run header % x", out[:2])
	}
	rest := out[2+256*8:]
	want := append([]byte{0x7f, 1, 2, 3, 4, 5, 6, 7, 0xff, 0}, bytes.Repeat([]byte{9}, 8)...)
	if !bytes.Equal(rest, want) {
		t.Errorf("after the run: % x", rest)
	}
	un, err := Unpack(out)
	if err != nil || !bytes.Equal(un, in) {
		t.Errorf("round trip: %v", err)
	}
}

func TestUnpackTruncated(t *testing.T) {
	for _, h := range []string{"ff", "ff00", "ff0001020304050607", "03", "0301", "ff01" + "0102030405060708"} {
		if _, err := Unpack(unhex(t, h)); !errors.Is(err, ErrUnpack) {
			t.Errorf("Unpack(%s): %v", h, err)
		}
	}
	dst := []byte("keep")
	got, err := AppendUnpack(dst, []byte{0x03})
	if err == nil || string(got) != "keep" {
		t.Errorf("AppendUnpack on bad input: %q %v", got, err)
	}
}

func TestPackRoundTrip(t *testing.T) {
	var in []byte
	for i := 0; i < 3000; i++ {
		in = append(in, byte(i*7%5), byte(i%3))
		if i%50 == 0 {
			in = append(in, bytes.Repeat([]byte{0xaa}, i%97)...)
		}
		un, err := Unpack(Pack(in))
		if err != nil {
			t.Fatal(err)
		}
		padded := append(append([]byte(nil), in...), make([]byte, (8-len(in)%8)%8)...)
		if !bytes.Equal(un, padded) {
			t.Fatalf("length %d: round trip differs", len(in))
		}
	}
	if got := AppendPack([]byte("x"), []byte{1}); string(got) != "x\x01\x01" {
		t.Errorf("AppendPack %q", got)
	}
}
