package netpack

// Option configures a Decoder or a Filter.
type Option func(*options)

type options struct {
	maxFrame int
}

func defaults() options {
	return options{maxFrame: MaxFrame}
}

// limit is the effective frame limit; the zero options of a zero-value
// Decoder or Filter mean the format's maximum.
func (o options) limit() int {
	if o.maxFrame == 0 {
		return MaxFrame
	}
	return o.maxFrame
}

func buildOptions(opts []Option) options {
	o := defaults()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithMaxFrame makes a header declaring more than n bytes fail with a
// *FrameSizeError before any of its body is buffered, so a gate can bound
// per-connection memory below the format's 64 KiB. n <= 0 or n > MaxFrame
// selects MaxFrame, which is skynet's behaviour (no limit but the format).
func WithMaxFrame(n int) Option {
	return func(o *options) {
		if n <= 0 || n > MaxFrame {
			n = MaxFrame
		}
		o.maxFrame = n
	}
}
