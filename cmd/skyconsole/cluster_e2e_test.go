package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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

	db := exec.Command(bin, "run", config("cluster1"))
	dbOut, _ := db.StdoutPipe()
	db.Stderr = db.Stdout
	if err := db.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = db.Process.Signal(os.Interrupt)
		_ = db.Wait()
	}()
	dbLines := lineChan(dbOut)
	var dbLog strings.Builder
	waitLine(t, dbLines, &dbLog, "cluster1: simpledb is @sdb")

	caller := exec.Command(bin, "run", config("cluster2"))
	callerOut, _ := caller.StdoutPipe()
	caller.Stderr = caller.Stdout
	if err := caller.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = caller.Process.Signal(os.Interrupt)
		_ = caller.Wait()
	}()
	callerLines := lineChan(callerOut)
	var callerLog strings.Builder
	for _, want := range []string{
		"cluster2: GET a = foobar",
		"cluster2: GET b from db2 = foobar2",
		"cluster2: GET a through the proxy = foobar",
		"cluster2: GET c = set by handle",
		"cluster2: done",
	} {
		waitLine(t, callerLines, &callerLog, want)
	}
	waitLine(t, dbLines, &dbLog, "ping a push from cluster2")
}

func lineChan(r interface{ Read([]byte) (int, error) }) <-chan string {
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return lines
}

func waitLine(t *testing.T, lines <-chan string, log *strings.Builder, want string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("process exited before %q:\n%s", want, log.String())
			}
			log.WriteString(l + "\n")
			if strings.Contains(l, want) {
				return
			}
		case <-deadline:
			t.Fatalf("no %q:\n%s", want, log.String())
		}
	}
}
