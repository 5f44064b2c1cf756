package luasvc_test

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Two nodes in one process talk over real TCP on 127.0.0.1 in skynet's
// cluster format: calls by name, handle and local name, queries, parts
// above 32 KiB both ways, remote errors, pushes, out-of-order answers,
// proxies, and nodes that are down.
func TestClusterBetweenTwoNodes(t *testing.T) {
	port := strconv.Itoa(freePort(t))
	_, blog := startLua(t, "cluster_b", 2, map[string]string{"b_port": port, "harbor": "2"})
	waitLog(t, blog, "B_READY")

	a, alog := startLua(t, "cluster_a", 2, map[string]string{"b_port": port, "harbor": "1"})
	select {
	case <-a.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("node a did not finish; log:\n%s\nnode b:\n%s", alog.String(), blog.String())
	}
	defer func() {
		if t.Failed() {
			t.Logf("node b:\n%s", blog.String())
		}
	}()
	checkLuaResult(t, "cluster_a", a, alog.String())
	line := waitLog(t, alog, "TRACED_TAG ")
	tag := strings.TrimSpace(line[strings.Index(line, "TRACED_TAG ")+len("TRACED_TAG "):])
	// node b's agent continues the trace under the same tag, and the echo
	// there sees it as a traced request
	waitLog(t, blog, "<TRACE "+tag+"> ")
	if testing.Verbose() {
		for _, l := range strings.Split(blog.String(), "\n") {
			if strings.Contains(l, "<TRACE "+tag+">") {
				t.Log(l)
			}
		}
	}
	if n := strings.Count(blog.String(), "<TRACE "+tag+">"); n < 3 {
		t.Fatalf("node b logged %d lines of trace %s:\n%s", n, tag, blog.String())
	}
}
