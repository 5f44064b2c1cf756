package lsproto_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
	"github.com/skyconsole/skyconsole/runtime/sproto"
)

func TestStore(t *testing.T) {
	t.Parallel()
	var st lsproto.Store
	s, err := sproto.Parse(".A { x 0 : integer }")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(0); !errors.Is(err, lsproto.ErrEmptySlot) {
		t.Fatalf("empty slot: %v", err)
	}
	for _, i := range []int{-1, lsproto.MaxSlots} {
		if err := st.Save(i, s); !errors.Is(err, lsproto.ErrSlot) {
			t.Errorf("save %d: %v", i, err)
		}
		if _, err := st.Load(i); !errors.Is(err, lsproto.ErrSlot) {
			t.Errorf("load %d: %v", i, err)
		}
	}
	if err := st.Save(lsproto.MaxSlots-1, s); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Load(lsproto.MaxSlots - 1); err != nil || got != s {
		t.Fatalf("load: %v %v", got, err)
	}
}

// TestStoreSharedByStates is sprotoloader across services: one state
// registers and saves, others load by index.
func TestStoreSharedByStates(t *testing.T) {
	t.Parallel()
	store := &lsproto.Store{}
	a := newState(t, store)
	b := newState(t, store)
	lonely := newState(t, &lsproto.Store{})
	if err := a.DoString(`
		local loader = require "sprotoloader"
		loader.register(VECTORS .. "rpc.sproto", 1)
		loader.save(require("sprotoparser").parse(".S { v 0 : string }"), 2)
	`); err != nil {
		t.Fatal(err)
	}
	if err := b.DoString(`
		local loader = require "sprotoloader"
		local server = loader.load(1)
		local s = loader.load(2)
		eq(s:decode("S", s:encode("S", { v = "shared" })), { v = "shared" })
		-- A conversation between the two loaded copies.
		local client = server:host()
		local request = client:attach(server)
		local kind, name, args, respond = server:host():dispatch(request("foobar", { what = "w" }, 1))
		eq({ kind, name, args }, { "REQUEST", "foobar", { what = "w" } })
		eq(select(3, client:dispatch(respond { ok = true })), { ok = true })
	`); err != nil {
		t.Fatal(err)
	}
	if err := lonely.DoString(`fails("nil sproto in global slot 1", require("sprotoloader").load, 1)`); err != nil {
		t.Fatal(err)
	}
}

// TestStoreConcurrent loads, saves and uses shared schemas from many
// states at once; run it with -race.
func TestStoreConcurrent(t *testing.T) {
	t.Parallel()
	store := &lsproto.Store{}
	seed := newState(t, store)
	if err := seed.DoString(`require("sprotoloader").register(VECTORS .. "types.sproto", 0)`); err != nil {
		t.Fatal(err)
	}
	const workers = 8
	states := make([]interface{ DoString(string) error }, workers)
	for i := range states {
		states[i] = newState(t, store)
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for i, L := range states {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- L.DoString(fmt.Sprintf(`
				local loader = require "sprotoloader"
				for round = 1, 50 do
					local sp = loader.load(0)
					local msg = { i = %d, s = "worker", kv = { r = round } }
					eq(sp:decode("All", sp:encode("All", msg)), msg)
					loader.save(require("sprotoparser").parse(".W%d { r 0 : integer }"), %d)
					eq(loader.load(%d):decode("W%d", loader.load(%d):encode("W%d", { r = round })), { r = round })
				end
			`, i, i, i+1, i+1, i, i+1, i))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
