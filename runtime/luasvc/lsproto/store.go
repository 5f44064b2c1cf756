package lsproto

import (
	"fmt"
	"sync"

	"github.com/skyconsole/skyconsole/runtime/sproto"
)

// MaxSlots is the number of Store slots, skynet's MAX_GLOBALSPROTO.
const MaxSlots = 16

// Store is the table of schemas that sprotoloader.save and sprotoloader.load
// share between services. skynet keeps it in a C global; here the host owns
// one Store per node, so two nodes in one process stay apart. Schemas are
// immutable, so a loaded one is shared as is. The zero value is ready to
// use and a Store is safe for concurrent use.
type Store struct {
	mu    sync.RWMutex
	slots [MaxSlots]*sproto.Schema
}

// Save puts s in slot index, replacing what was there.
func (st *Store) Save(index int, s *sproto.Schema) error {
	if index < 0 || index >= MaxSlots {
		return fmt.Errorf("%w %d", ErrSlot, index)
	}
	st.mu.Lock()
	st.slots[index] = s
	st.mu.Unlock()
	return nil
}

// Load returns the schema saved in slot index.
func (st *Store) Load(index int) (*sproto.Schema, error) {
	if index < 0 || index >= MaxSlots {
		return nil, fmt.Errorf("%w %d", ErrSlot, index)
	}
	st.mu.RLock()
	s := st.slots[index]
	st.mu.RUnlock()
	if s == nil {
		return nil, fmt.Errorf("%w %d", ErrEmptySlot, index)
	}
	return s, nil
}
