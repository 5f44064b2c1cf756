package runtime_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/tracer"
)

// Snapshot lists every live service in handle order with its module, args,
// names, queue length, message count and the service's own figures.
func TestSnapshotListsLiveServices(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t, runtime.WithThreads(3))
	r := newRecorder()
	rh := launch(t, n, "recorder", "a b", r)
	ih := launch(t, n, "inspected", "", &inspected{})
	s := newStall(t)
	sh := launch(t, n, "stall", "held", s)
	gone := newRecorder()
	gh := launch(t, n, "recorder", "gone", gone)
	if err := n.Register(".rec", rh); err != nil {
		t.Fatal(err)
	}
	if err := n.Register("rec", rh); err != nil {
		t.Fatal(err)
	}
	if err := n.Kill(gh); err != nil {
		t.Fatal(err)
	}

	for i := range 3 {
		if err := n.Send(0, rh, runtime.PTypeLua, 0, []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
		r.next(t)
	}
	if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
		t.Fatal(err)
	}
	recv(t, s.entered, "the stall to hold its worker")
	for range 2 {
		if err := n.Send(0, sh, runtime.PTypeLua, 0, nil); err != nil {
			t.Fatal(err)
		}
	}

	snap := n.Snapshot()
	if snap.Harbor != 1 || snap.Threads != 3 || snap.Now < 0 {
		t.Errorf("snapshot header: harbor %d threads %d now %d", snap.Harbor, snap.Threads, snap.Now)
	}
	byHandle := map[runtime.Handle]runtime.ServiceInfo{}
	var order []runtime.Handle
	for _, si := range snap.Services {
		byHandle[si.Handle] = si
		order = append(order, si.Handle)
	}
	want := []runtime.Handle{1<<24 | 1, rh, ih, sh}
	if !slices.Equal(order, want) {
		t.Fatalf("snapshot lists %v, want %v", order, want)
	}
	if got := n.ServiceCount(); got != len(want) {
		t.Errorf("ServiceCount = %d, want %d", got, len(want))
	}
	check := func(h runtime.Handle, module, args string, names []string, mq int, msgs uint64) {
		t.Helper()
		si := byHandle[h]
		if si.Module != module || si.Args != args || !slices.Equal(si.Names, names) || si.MQLen != mq || si.Messages != msgs || si.Endless {
			t.Errorf("service %s = %+v; want module %q args %q names %v mqlen %d messages %d",
				h, si, module, args, names, mq, msgs)
		}
	}
	check(rh, "recorder", "a b", []string{".rec", "rec"}, 0, 3)
	check(sh, "stall", "held", nil, 2, 1)
	check(ih, "inspected", "", nil, 0, 0)
	if st := byHandle[ih].Stats; st.MemKB != 12.5 || st.Tasks != 2 {
		t.Errorf("Inspector figures = %+v", st)
	}
	if logger := byHandle[1<<24|1]; logger.Module != "logger" {
		t.Errorf("handle :01000001 is %q, want the logger", logger.Module)
	}
	if h, ok := snap.Names[".rec"]; !ok || h != rh || len(snap.Names) != 2 {
		t.Errorf("snapshot names = %v", snap.Names)
	}
	if st := r.ctx.Stats(); st.Messages != 3 || st.MQLen != 0 {
		t.Errorf("Stats = %+v", st)
	}
	// A snapshot is a copy: later registrations do not show up in it.
	if err := n.Register(".later", ih); err != nil {
		t.Fatal(err)
	}
	if _, ok := snap.Names[".later"]; ok {
		t.Error("snapshot names changed after it was taken")
	}
}

// Nodes in one process share nothing: each has its own handles, names,
// environment, services and tracer.
func TestNodesAreIndependent(t *testing.T) {
	t.Parallel()
	for harbor := uint8(1); harbor <= 4; harbor++ {
		t.Run(fmt.Sprintf("harbor%d", harbor), func(t *testing.T) {
			t.Parallel()
			tr := tracer.New(tracer.WithEnabled(true))
			n, log := startNode(t, runtime.WithHarbor(harbor), runtime.WithTracer(tr))
			reader := &traceReader{tr: tr}
			client := newRecorder()
			ch := launch(t, n, "recorder", "", client)
			eh := launch(t, n, "echo", "", &echo{})
			for _, h := range []runtime.Handle{ch, eh} {
				if h.Harbor() != harbor {
					t.Fatalf("handle %s on harbor %d", h, harbor)
				}
			}
			if want := runtime.Handle(uint32(harbor)<<24 | 2); ch != want {
				t.Fatalf("first service is %s, want %s (every node counts from 1)", ch, want)
			}
			if err := n.Register(".same", eh); err != nil {
				t.Fatalf("Register: %v", err)
			}
			if err := n.Setenv("who", fmt.Sprint(harbor)); err != nil {
				t.Fatalf("Setenv: %v", err)
			}
			for i := int32(1); i <= 50; i++ {
				body := []byte(fmt.Sprintf("%d/%d", harbor, i))
				if err := client.ctx.Send(eh, runtime.PTypeLua, i, body); err != nil {
					t.Fatal(err)
				}
				if m := client.expect(t, runtime.PTypeResponse, i, eh); string(m.Data) != string(body) {
					t.Fatalf("reply %q, want %q", m.Data, body)
				}
			}
			if v, _ := n.Getenv("who"); v != fmt.Sprint(harbor) {
				t.Fatalf("env who = %q", v)
			}
			if h, _ := n.Query(".same"); h != eh {
				t.Fatalf(".same = %s, want %s", h, eh)
			}
			if got := n.ServiceCount(); got != 3 {
				t.Fatalf("ServiceCount = %d, want 3", got)
			}
			evs := reader.until(t, "the last reply", hasEventTo(ch, runtime.PTypeResponse, 50))
			for _, e := range evs {
				if e.Node != harbor {
					t.Fatalf("tracer of harbor %d holds an event of node %d", harbor, e.Node)
				}
			}
			// Each node's logger prints its own launches, under its own handles.
			text := log.waitFor(t, fmt.Sprintf("[%s] LAUNCH echo", eh))
			for other := uint8(1); other <= 4; other++ {
				if h := runtime.Handle(uint32(other)<<24 | 2); other != harbor && strings.Contains(text, h.String()) {
					t.Fatalf("log of harbor %d mentions %s of another node:\n%s", harbor, h, text)
				}
			}
		})
	}
}
