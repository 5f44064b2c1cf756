package cluster

import "math"

const (
	// DefaultMaxSize is the largest multi-part message an assembler
	// accepts unless told otherwise. skynet itself has no limit below the
	// format's 4 GiB; a budget keeps one peer from claiming that much of
	// this node's memory.
	DefaultMaxSize = 16 << 20
	// DefaultMaxPending is how many multi-part messages may be open at
	// once on one connection. A skynet sender writes the frames of one
	// message back to back, so an honest peer rarely has more than one.
	DefaultMaxPending = 64
)

// Option configures a RequestAssembler or a ResponseAssembler.
type Option func(*options)

type options struct {
	maxSize    uint32
	maxPending int
}

func defaults() options {
	return options{maxSize: DefaultMaxSize, maxPending: DefaultMaxPending}
}

func buildOptions(opts []Option) options {
	o := defaults()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// sizeLimit and pendingLimit read through zero options, so that zero-value
// assemblers behave like ones built with no options.
func (o options) sizeLimit() uint32 {
	if o.maxSize == 0 {
		return DefaultMaxSize
	}
	return o.maxSize
}

func (o options) pendingLimit() int {
	if o.maxPending <= 0 {
		return DefaultMaxPending
	}
	return o.maxPending
}

// WithMaxSize refuses multi-part messages declaring more than n bytes,
// with a *SequenceError wrapping ErrTooLarge, before buffering any of
// them. n <= 0 selects DefaultMaxSize; n above the format's 4 GiB - 1
// means no limit but the format's, which is skynet's behaviour.
func WithMaxSize(n int) Option {
	return func(o *options) {
		switch {
		case n <= 0:
			o.maxSize = DefaultMaxSize
		case uint64(n) > math.MaxUint32:
			o.maxSize = math.MaxUint32
		default:
			o.maxSize = uint32(n)
		}
	}
}

// WithMaxPending bounds how many multi-part messages may be open at once;
// one more fails with ErrTooManyPending. n <= 0 selects DefaultMaxPending.
func WithMaxPending(n int) Option {
	return func(o *options) {
		if n <= 0 {
			n = DefaultMaxPending
		}
		o.maxPending = n
	}
}
