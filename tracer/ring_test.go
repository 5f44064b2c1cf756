package tracer

import (
	"slices"
	"testing"
	"unsafe"
)

// The documented layout is for 64-bit platforms; elsewhere int64 fields
// pack tighter, so an Event may be smaller, never larger.
func TestEventAndSlotAreFixedSize(t *testing.T) {
	is64 := unsafe.Sizeof(uintptr(0)) == 8
	if got := unsafe.Sizeof(Event{}); got > 128 || (is64 && got != 128) {
		t.Errorf("Event is %d bytes, documented as 128", got)
	}
	if got := unsafe.Sizeof(slot{}); got > 128 || (is64 && got != 128) {
		t.Errorf("slot is %d bytes, want 128", got)
	}
}

func TestRingSizeRoundsUp(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, 4}, {3, 4}, {5, 8}, {8192, 8192}, {8193, 16384}, {1 << 30, 1 << 24}} {
		if got := New(WithRingSize(tc.in)).RingSize(); got != tc.want {
			t.Errorf("WithRingSize(%d): %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := New().RingSize(); got != 8192 {
		t.Errorf("default ring size %d, want 8192", got)
	}
}

func TestOptionsAndSwitches(t *testing.T) {
	tr := New()
	if tr.Enabled() || tr.Capture() {
		t.Fatal("tracing and capture must start off")
	}
	tr.SetEnabled(true)
	tr.SetCapture(true)
	if !tr.Enabled() || !tr.Capture() {
		t.Fatal("switches did not stick")
	}
	tr = New(WithEnabled(true), WithCapture(true))
	if !tr.Enabled() || !tr.Capture() {
		t.Fatal("options ignored")
	}
}

func TestPutCopiesEveryField(t *testing.T) {
	tr := New()
	w := tr.NewWriter()
	tag := "trace-tag"
	in := Event{
		Seq: 999, Wall: -5, Now: 1 << 40, Node: 255, Type: 200, Sock: SockWarning, Outcome: Dropped,
		Session: -7, Source: 0xffffffff, Dest: 0x0100000a, Size: -1, Fd: -2, DurNs: 1<<62 + 3, Tag: tag,
	}
	in.SetPayload([]byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP")) // longer than the cap
	if in.PayloadLen != PayloadCap {
		t.Fatalf("SetPayload kept %d bytes", in.PayloadLen)
	}
	seq := w.Put(&in)
	if seq != 1 || in.Seq != 999 {
		t.Fatalf("Put returned seq %d and left e.Seq %d; want 1 and the caller's value", seq, in.Seq)
	}
	evs, _, dropped := tr.Since(Cursor{}, nil)
	if len(evs) != 1 || dropped != 0 {
		t.Fatalf("got %d events, %d dropped", len(evs), dropped)
	}
	want := in
	want.Seq = 1
	if evs[0] != want {
		t.Errorf("round trip through the ring:\n got %+v\nwant %+v", evs[0], want)
	}
}

func TestPayloadBeyondLenIsNotStored(t *testing.T) {
	tr := New()
	w := tr.NewWriter()
	e := Event{PayloadLen: 3}
	for i := range e.Payload {
		e.Payload[i] = 0xee
	}
	w.Put(&e)
	e.PayloadLen = 200 // clamped to the cap
	w.Put(&e)
	evs, _, _ := tr.Since(Cursor{}, nil)
	if got := evs[0].Payload; got != [PayloadCap]byte{0xee, 0xee, 0xee} {
		t.Errorf("bytes past PayloadLen leaked: %x", got)
	}
	if evs[1].PayloadLen != PayloadCap {
		t.Errorf("PayloadLen %d not clamped", evs[1].PayloadLen)
	}
}

func TestRingWrapsAndCountsDrops(t *testing.T) {
	tr := New(WithRingSize(4))
	w := tr.NewWriter()
	for i := 1; i <= 10; i++ {
		w.Put(&Event{Session: int32(i)})
	}
	evs, c, dropped := tr.Since(Cursor{}, nil)
	if dropped != 6 {
		t.Errorf("dropped %d, want 6", dropped)
	}
	if got := sessions(evs); !slices.Equal(got, []int32{7, 8, 9, 10}) {
		t.Errorf("kept %v, want the newest four", got)
	}
	if tr.Overwritten() != 6 {
		t.Errorf("Overwritten %d, want 6", tr.Overwritten())
	}
	w.Put(&Event{Session: 11})
	w.Put(&Event{Session: 12})
	evs, c, dropped = tr.Since(c, nil)
	if dropped != 0 || !slices.Equal(sessions(evs), []int32{11, 12}) {
		t.Errorf("after wrap: %v dropped %d", sessions(evs), dropped)
	}
	// A reader that fell a full ring behind loses exactly what it missed.
	for i := 13; i <= 20; i++ {
		w.Put(&Event{Session: int32(i)})
	}
	evs, _, dropped = tr.Since(c, nil)
	if dropped != 4 || !slices.Equal(sessions(evs), []int32{17, 18, 19, 20}) {
		t.Errorf("lapped reader: %v dropped %d", sessions(evs), dropped)
	}
	if tr.Overwritten() != 16 {
		t.Errorf("Overwritten %d, want 16", tr.Overwritten())
	}
}

func TestPutDoesNotAllocate(t *testing.T) {
	tr := New(WithEnabled(true), WithCapture(true), WithRingSize(64))
	w, shared := tr.NewWriter(), tr.Shared()
	tag := string([]byte("held-by-the-writer"))
	e := Event{Type: TypeLua, Session: 3, Source: 1, Dest: 2, Size: 40, Tag: tag}
	e.SetPayload([]byte("0123456789012345678901234567890123456789"))
	if n := testing.AllocsPerRun(1000, func() { w.Put(&e) }); n != 0 {
		t.Errorf("Writer.Put allocates %.1f times", n)
	}
	if n := testing.AllocsPerRun(1000, func() { shared.Put(&e) }); n != 0 {
		t.Errorf("shared Put allocates %.1f times", n)
	}
	// With a wake generation installed (and fired by the first Put).
	tr.arm()
	if n := testing.AllocsPerRun(1000, func() { w.Put(&e) }); n != 0 {
		t.Errorf("Put with a waiter allocates %.1f times", n)
	}
	if n := testing.AllocsPerRun(1000, func() { _ = tr.Enabled() }); n != 0 {
		t.Errorf("Enabled allocates %.1f times", n)
	}
}

func TestSharedIsOneWriter(t *testing.T) {
	tr := New()
	if tr.Shared() != tr.Shared() {
		t.Fatal("Shared returned two writers")
	}
	if n := len(tr.writers()); n != 1 {
		t.Fatalf("%d rings registered", n)
	}
}

func sessions(evs []Event) []int32 {
	out := make([]int32, len(evs))
	for i := range evs {
		out[i] = evs[i].Session
	}
	return out
}
