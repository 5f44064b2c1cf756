package runtime

import "errors"

// Sentinel errors; wrap them with context using %w.
var (
	ErrBadAddress      = errors.New("bad address")
	ErrUnknownAddress  = errors.New("unknown address")
	ErrServiceDead     = errors.New("service is dead")
	ErrCallFailed      = errors.New("call failed")
	ErrKilled          = errors.New("service killed")
	ErrNodeStopped     = errors.New("node stopped")
	ErrUnknownService  = errors.New("unknown service type")
	ErrNameTaken       = errors.New("name already registered")
	ErrBadName         = errors.New("bad service name")
	ErrEnvExists       = errors.New("env key already set")
	ErrNotRunning      = errors.New("not called from the running handler")
	ErrTooManyServices = errors.New("every service handle is in use")
)
