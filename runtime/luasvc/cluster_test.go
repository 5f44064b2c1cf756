package luasvc_test

import (
	"strconv"
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
}
