package tracer

// Option configures a Tracer.
type Option func(*config)

type config struct {
	ringSize int
	capture  bool
	enabled  bool
}

// defaults: 8192 events per writer is 1 MiB of ring, a few seconds of a busy
// worker; tracing and capture start off so an untouched tracer costs nothing.
func defaults() config {
	return config{ringSize: 8192}
}

// WithRingSize sets how many events each writer's ring holds. It is rounded
// up to a power of two, minimum 4, maximum 1<<24.
func WithRingSize(n int) Option {
	return func(c *config) { c.ringSize = n }
}

// WithCapture turns payload capture on or off at start.
func WithCapture(on bool) Option {
	return func(c *config) { c.capture = on }
}

// WithEnabled turns tracing on or off at start.
func WithEnabled(on bool) Option {
	return func(c *config) { c.enabled = on }
}

func ringSize(n int) int {
	size := 4
	for size < n && size < 1<<24 {
		size <<= 1
	}
	return size
}
