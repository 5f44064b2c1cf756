package runtime

import (
	"fmt"
	"sync"
)

// env is skynet's environment: string keys and values shared by the node.
type env struct {
	mu sync.RWMutex
	m  map[string]string
}

// Getenv returns a node environment value (skynet.getenv).
func (n *Node) Getenv(key string) (string, bool) {
	n.env.mu.RLock()
	v, ok := n.env.m[key]
	n.env.mu.RUnlock()
	return v, ok
}

// Setenv sets a value; like skynet it refuses to overwrite an existing key.
func (n *Node) Setenv(key, value string) error {
	n.env.mu.Lock()
	defer n.env.mu.Unlock()
	if _, ok := n.env.m[key]; ok {
		return fmt.Errorf("setenv %q: %w", key, ErrEnvExists)
	}
	n.env.m[key] = value
	return nil
}

// SetenvForce sets a value even if present; used when loading config.
func (n *Node) SetenvForce(key, value string) {
	n.env.mu.Lock()
	n.env.m[key] = value
	n.env.mu.Unlock()
}
