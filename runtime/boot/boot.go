// Package boot assembles a node from a skynet-style config: the runtime,
// the Lua host with the embedded script tree, the environment, the logger
// and the bootstrap service. The command line and tests share it.
package boot

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skyconsole/skyconsole/runtime"
	"github.com/skyconsole/skyconsole/runtime/config"
	"github.com/skyconsole/skyconsole/runtime/luasvc"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lcluster"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lcrypt"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lsocket"
	"github.com/skyconsole/skyconsole/runtime/luasvc/lsproto"
	"github.com/skyconsole/skyconsole/runtime/socket"
	"github.com/skyconsole/skyconsole/scripts"
	"github.com/skyconsole/skyconsole/tracer"
)

// Options add what a config file cannot say.
type Options struct {
	Log     io.Writer // logger output; default stdout or the config's logger file
	Stdout  io.Writer // print() output; default os.Stdout
	Tracer  *tracer.Tracer
	Threads int // overrides the config's thread when > 0
	// EndlessAfterNs overrides the endless-loop report threshold (5 s).
	EndlessAfterNs int64
	// Extra is applied to the Lua host before the node starts (Go modules).
	Extra func(*luasvc.Host)
	// SocketOptions configure the node's socket server (transport, limits).
	SocketOptions []socket.Option
	// Stdin, when set, is what socket.stdin() reads (the console service
	// launches a service per line). Leave it nil when something else owns
	// the terminal.
	Stdin io.Reader
}

// Node is a started node with the host that runs its Lua services.
type Node struct {
	*runtime.Node
	Host    *luasvc.Host
	Config  *config.Config
	Sockets *socket.Server
	logFile *os.File
}

// Start builds and starts a node from cfg and launches the bootstrap.
func Start(cfg *config.Config, o Options) (*Node, error) {
	threads := cfg.Thread()
	if o.Threads > 0 {
		threads = o.Threads
	}
	out := &Node{Config: cfg}
	logw := o.Log
	if logw == nil {
		logw = os.Stdout
		if path, ok := cfg.LogFile(); ok {
			f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return nil, fmt.Errorf("boot: open logger file: %w", err)
			}
			out.logFile = f
			logw = f
		}
	}
	preload, _ := cfg.Preload()
	host := luasvc.NewHost(luasvc.HostOptions{
		Embedded:     scripts.FS,
		ServicePaths: cfg.LuaService(),
		LuaPaths:     cfg.LuaPath(),
		Preload:      preload,
		Stdout:       o.Stdout,
	})
	opts := []runtime.Option{
		runtime.WithHarbor(uint8(cfg.Harbor())),
		runtime.WithThreads(threads),
		runtime.WithLog(logw),
		runtime.WithTracer(o.Tracer),
	}
	if dir, ok := cfg.LogPath(); ok {
		opts = append(opts, runtime.WithLogPath(dir))
	}
	if o.EndlessAfterNs > 0 {
		opts = append(opts, runtime.WithEndlessAfter(o.EndlessAfterNs))
	}
	n := runtime.New(opts...)
	sockOpts := o.SocketOptions
	if o.Stdin != nil {
		sockOpts = append([]socket.Option{socket.WithStdin(o.Stdin)}, sockOpts...)
	}
	out.Sockets = socket.New(n, sockOpts...)
	n.OnExit(func(h runtime.Handle) { out.Sockets.CloseOwner(h) })
	host.RegisterModule("skynet.socketdriver", lsocket.Driver(out.Sockets))
	host.RegisterModule("skynet.netpack", lsocket.Netpack())
	host.RegisterModule("cluster.core", lcluster.Open)
	host.RegisterModule("skynet.crypt", lcrypt.Open)
	// sprotoloader's slots are shared by every service of the node.
	host.RegisterModule("sproto.core", lsproto.Open(&lsproto.Store{}))
	if o.Extra != nil {
		o.Extra(host)
	}
	for _, k := range cfg.Keys() {
		v, _ := cfg.Get(k)
		n.SetenvForce(k, v)
	}
	n.SetenvForce("thread", fmt.Sprint(threads))
	if _, ok := cfg.Get("snax"); ok {
		// snax service templates, resolved like luaservice
		n.SetenvForce("snax", strings.Join(cfg.ResolveTemplates("snax"), ";"))
	}
	if path, ok := cfg.ClusterFile(); ok {
		// clusterd opens it from the working directory
		n.SetenvForce("cluster", path)
	}
	host.Install(n)
	if err := n.Start(); err != nil {
		return nil, err
	}
	module, args, _ := strings.Cut(cfg.Bootstrap(), " ")
	if _, err := n.Launch(module, args); err != nil {
		n.Stop()
		out.Sockets.Stop()
		return nil, fmt.Errorf("boot: %w", err)
	}
	out.Node = n
	out.Host = host
	return out, nil
}

// Close stops the node and closes the log file it opened.
func (b *Node) Close() {
	b.Node.Stop()
	b.Sockets.Stop()
	if b.logFile != nil {
		_ = b.logFile.Close()
	}
}
