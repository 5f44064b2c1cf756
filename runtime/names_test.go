package runtime_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/skyconsole/skyconsole/runtime"
)

func TestRegisterAndQuery(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	a, b := newRecorder(), newRecorder()
	ah := launch(t, n, "recorder", "", a)
	bh := launch(t, n, "recorder", "", b)

	if err := n.Register(".db", ah); err != nil {
		t.Fatalf("Register .db: %v", err)
	}
	if err := n.Register("global", ah); err != nil {
		t.Fatalf("Register global: %v", err)
	}
	if h, ok := n.Query(".db"); !ok || h != ah {
		t.Fatalf("Query(.db) = %s, %v; want %s", h, ok, ah)
	}
	if h, ok := n.Query("global"); !ok || h != ah {
		t.Fatalf("Query(global) = %s, %v; want %s", h, ok, ah)
	}
	if _, ok := n.Query(".nobody"); ok {
		t.Fatal("Query of an unregistered name succeeded")
	}
	if got := n.NamesOf(ah); !slices.Equal(got, []string{".db", "global"}) {
		t.Fatalf("NamesOf = %v", got)
	}

	if err := n.Register(".db", bh); !errors.Is(err, runtime.ErrNameTaken) {
		t.Fatalf("duplicate Register: err = %v, want ErrNameTaken", err)
	}
	if h, _ := n.Query(".db"); h != ah {
		t.Fatalf("a refused Register moved the name to %s", h)
	}
	for _, bad := range []string{"", "."} {
		if err := n.Register(bad, bh); !errors.Is(err, runtime.ErrBadName) {
			t.Errorf("Register(%q): err = %v, want ErrBadName", bad, err)
		}
	}

	// Names die with the service and can then be taken by another one.
	if err := n.Kill(ah); err != nil {
		t.Fatal(err)
	}
	waitDone(t, a.ctx)
	for _, name := range []string{".db", "global"} {
		if h, ok := n.Query(name); ok {
			t.Errorf("name %s still resolves to %s after the service died", name, h)
		}
	}
	if got := n.NamesOf(ah); len(got) != 0 {
		t.Errorf("NamesOf a dead service = %v", got)
	}
	if err := n.Register(".db", bh); err != nil {
		t.Fatalf("Register of a freed name: %v", err)
	}
	if h, _ := n.Query(".db"); h != bh {
		t.Fatalf("Query(.db) = %s, want %s", h, bh)
	}
}

// Label is the first registered name, else the launch name ("agent" for
// "snlua agent ..."), and it survives the service.
func TestLabelOutlivesService(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	plain, named, lua := newRecorder(), newRecorder(), newRecorder()
	ph := launch(t, n, "recorder", "x y", plain)
	nh := launch(t, n, "recorder", "", named)
	lh := launch(t, n, "snlua", "agent 1 2", lua)
	if err := n.Register(".first", nh); err != nil {
		t.Fatal(err)
	}
	if err := n.Register(".second", nh); err != nil {
		t.Fatal(err)
	}
	want := map[runtime.Handle]string{ph: "recorder", nh: ".first", lh: "agent"}
	for h, w := range want {
		if got := n.Label(h); got != w {
			t.Errorf("Label(%s) = %q, want %q", h, got, w)
		}
		if got := n.Name(uint32(h)); got != w {
			t.Errorf("Name(%s) = %q, want %q", h, got, w)
		}
	}
	if got := n.Label(1<<24 | 1); got != "logger" {
		t.Errorf("logger label = %q", got)
	}
	for _, r := range []*recorder{plain, named, lua} {
		if err := n.Kill(r.ctx.Handle()); err != nil {
			t.Fatal(err)
		}
		waitDone(t, r.ctx)
	}
	for h, w := range want {
		if got := n.Label(h); got != w {
			t.Errorf("after death Label(%s) = %q, want %q", h, got, w)
		}
	}
	if got := n.Label(0x0100abcd); got != "" {
		t.Errorf("Label of a never-launched handle = %q", got)
	}
}

func TestEnv(t *testing.T) {
	t.Parallel()
	n, _ := startNode(t)
	if _, ok := n.Getenv("k"); ok {
		t.Fatal("Getenv of a missing key succeeded")
	}
	if err := n.Setenv("k", "v1"); err != nil {
		t.Fatalf("Setenv: %v", err)
	}
	if err := n.Setenv("k", "v2"); !errors.Is(err, runtime.ErrEnvExists) {
		t.Fatalf("Setenv over an existing key: err = %v, want ErrEnvExists", err)
	}
	if v, ok := n.Getenv("k"); !ok || v != "v1" {
		t.Fatalf("Getenv = %q, %v; a refused Setenv must not change the value", v, ok)
	}
	n.SetenvForce("k", "v3")
	if v, _ := n.Getenv("k"); v != "v3" {
		t.Fatalf("after SetenvForce Getenv = %q", v)
	}
	if err := n.Setenv("empty", ""); err != nil {
		t.Fatal(err)
	}
	if v, ok := n.Getenv("empty"); !ok || v != "" {
		t.Fatalf("empty value: %q, %v", v, ok)
	}
	if err := n.Setenv("empty", "x"); !errors.Is(err, runtime.ErrEnvExists) {
		t.Fatalf("an empty value still counts as set: err = %v", err)
	}
}
