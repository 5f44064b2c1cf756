package luasvc_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeRedis speaks enough RESP for the driver test: AUTH, SELECT, PING,
// SET, GET, INCR, HSET, HGETALL, plus SELECT_DB (which database the
// connection selected) and DROP (closes the connection without a reply).
type fakeRedis struct {
	mu   sync.Mutex
	data map[string]string
	hash map[string][]string
}

func (f *fakeRedis) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	authed, db := false, 0
	for {
		args, err := readCommand(r)
		if err != nil {
			return
		}
		cmd := strings.ToUpper(args[0])
		if cmd != "AUTH" && !authed {
			fmt.Fprint(c, "-NOAUTH Authentication required.\r\n")
			continue
		}
		f.mu.Lock()
		switch cmd {
		case "AUTH":
			authed = len(args) == 2 && args[1] == "pw"
			if authed {
				fmt.Fprint(c, "+OK\r\n")
			} else {
				fmt.Fprint(c, "-ERR invalid password\r\n")
			}
		case "SELECT":
			db, _ = strconv.Atoi(args[1])
			fmt.Fprint(c, "+OK\r\n")
		case "SELECT_DB":
			fmt.Fprintf(c, ":%d\r\n", db)
		case "PING":
			fmt.Fprint(c, "+PONG\r\n")
		case "SET":
			f.data[args[1]] = args[2]
			fmt.Fprint(c, "+OK\r\n")
		case "GET":
			if v, ok := f.data[args[1]]; ok {
				fmt.Fprintf(c, "$%d\r\n%s\r\n", len(v), v)
			} else {
				fmt.Fprint(c, "$-1\r\n")
			}
		case "INCR":
			n, _ := strconv.Atoi(f.data[args[1]])
			n++
			f.data[args[1]] = strconv.Itoa(n)
			fmt.Fprintf(c, ":%d\r\n", n)
		case "HSET":
			f.hash[args[1]] = append(f.hash[args[1]], args[2], args[3])
			fmt.Fprint(c, ":1\r\n")
		case "HGETALL":
			h := f.hash[args[1]]
			fmt.Fprintf(c, "*%d\r\n", len(h))
			for _, v := range h {
				fmt.Fprintf(c, "$%d\r\n%s\r\n", len(v), v)
			}
		case "DROP":
			f.mu.Unlock()
			return
		default:
			fmt.Fprintf(c, "-ERR unknown command '%s'\r\n", args[0])
		}
		f.mu.Unlock()
	}
}

func readCommand(r *bufio.Reader) ([]string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "*")))
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("bad command header %q", line)
	}
	args := make([]string, n)
	for i := range args {
		line, err = r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		size, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "$")))
		if err != nil || size < 0 {
			return nil, fmt.Errorf("bad bulk header %q", line)
		}
		buf := make([]byte, size+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		args[i] = string(buf[:size])
	}
	return args, nil
}

// skynet.db.redis over skynet.socketchannel against a fake Redis server
// on real TCP: reply types, error replies, concurrent tasks, AUTH and
// SELECT at connect, and a reconnect after the server drops the line.
func TestRedisDriver(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f := &fakeRedis{data: map[string]string{}, hash: map[string][]string{}}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	n, log := startLua(t, "api_redis", 2, map[string]string{"redis_addr": ln.Addr().String()})
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("api_redis did not finish:\n%s", log.String())
	}
	out := log.String()
	checkLuaResult(t, "api_redis", n, out)
	if got := strings.Count(out, "PASS "); got != 4 {
		t.Fatalf("%d of 4 checks passed:\n%s", got, out)
	}
}

// skynet.socketchannel in session mode: three requests in flight, the
// server answers the last first, each caller gets its own answer.
func TestSocketChannelSessions(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		var batch []string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if strings.HasPrefix(line, "9 ") {
				fmt.Fprint(c, line) // answered at once
				continue
			}
			batch = append(batch, line)
			if len(batch) == 3 {
				for i := len(batch) - 1; i >= 0; i-- {
					fmt.Fprint(c, batch[i])
				}
				batch = nil
			}
		}
	}()
	n, log := startLua(t, "api_socketchannel", 2, map[string]string{"sc_addr": ln.Addr().String()})
	select {
	case <-n.Done():
	case <-time.After(60 * time.Second):
		t.Fatalf("api_socketchannel did not finish:\n%s", log.String())
	}
	checkLuaResult(t, "api_socketchannel", n, log.String())
}
