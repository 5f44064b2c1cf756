package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The cluster example as a newcomer runs it: two real processes, node db
// (cluster1) and a caller (cluster2), talking over TCP on 127.0.0.1. The
// test writes its own node list so the ports are free ones.
func TestClusterExampleTwoProcesses(t *testing.T) {
	bin := buildBinary(t)
	examples, _ := filepath.Abs("../../scripts/examples")
	dir := t.TempDir()
	names := filepath.Join(dir, "clustername.lua")
	list := "db = \"127.0.0.1:" + strconv.Itoa(freePort(t)) + "\"\ndb2 = \"127.0.0.1:" + strconv.Itoa(freePort(t)) + "\"\n"
	if err := os.WriteFile(names, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	config := func(start string) string {
		path := filepath.Join(dir, "config."+start)
		text := "harbor = 0\nstart = \"" + start + "\"\nluaservice = \"" + examples + "/?.lua\"\n" +
			"lua_path = \"" + examples + "/?.lua\"\ncluster = \"./clustername.lua\"\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	db := startProc(t, false, bin, "run", config("cluster1"))
	db.waitFor("cluster1: simpledb is @sdb")
	caller := startProc(t, false, bin, "run", config("cluster2"))
	for _, want := range []string{
		"cluster2: GET a = foobar",
		"cluster2: GET b from db2 = foobar2",
		"cluster2: GET a through the proxy = foobar",
		"cluster2: GET c = set by handle",
		"cluster2: done",
	} {
		caller.waitFor(want)
	}
	db.waitFor("ping a push from cluster2")
}
