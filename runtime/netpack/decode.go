package netpack

// decode runs one read of one connection through the frame state machine,
// queuing completed frames in b, and classifies the read the way skynet's
// netpack.filter does:
//
//   - no frame completed: EventNone;
//   - exactly one frame and it ends the read: EventData with the frame,
//     nothing queued;
//   - otherwise (anything after the first frame, even one header byte):
//     EventMore with every frame queued.
//
// A header above limit stops decoding: frames completed earlier in the
// read are still reported (as io.Reader reports n > 0 with an error) so the
// gate can deliver them before closing the connection.
func decode(c *partial, b *batch, p []byte, limit int) (Event, []byte, error) {
	if c.err != nil {
		return EventNone, nil, c.err
	}
	firstEnd := -1 // offset in p just past the first completed frame
	for i := 0; i < len(p); {
		var size int
		switch c.phase {
		case phaseBody:
			n := min(c.want-len(c.body), len(p)-i)
			c.body = appendBody(c.body, p[i:i+n], c.want)
			i += n
			if len(c.body) < c.want {
				continue // read exhausted
			}
			// Only the read's first frame can finish a partial, so done is
			// free here.
			b.done = c.body
			b.queue = append(b.queue, c.body)
			c.body, c.phase = nil, phaseHeader
			if firstEnd < 0 {
				firstEnd = i
			}
			continue
		case phaseHalf:
			size = int(c.hi)<<8 | int(p[i])
			i++
		default:
			if len(p)-i == 1 {
				// A read may end between the two length bytes.
				c.hi, c.phase = p[i], phaseHalf
				i++
				continue
			}
			size = int(p[i])<<8 | int(p[i+1])
			i += HeaderSize
		}
		if size > limit {
			c.err = &FrameSizeError{Len: size, Max: limit}
			c.phase = phaseHeader
			return finish(b, firstEnd, len(p), c.err)
		}
		if len(p)-i < size {
			c.phase, c.want = phaseBody, size
			c.body = b.takeFree()
			continue
		}
		// Zero-length frames land here too: they are legal and delivered.
		b.queue = append(b.queue, b.keep(p[i:i+size], len(p)-i))
		i += size
		c.phase = phaseHeader
		if firstEnd < 0 {
			firstEnd = i
		}
	}
	return finish(b, firstEnd, len(p), nil)
}

// finish names a read from the frames it queued and where the first one
// ended. A lone frame is handed back directly, as skynet's "data" does,
// so the common one-frame-per-read case never touches the queue.
func finish(b *batch, firstEnd, readLen int, err error) (Event, []byte, error) {
	switch {
	case len(b.queue) == 0:
		return EventNone, nil, err
	case len(b.queue) == 1 && firstEnd == readLen:
		frame := b.queue[0]
		b.queue = b.queue[:0]
		return EventData, frame, err
	default:
		return EventMore, nil, err
	}
}
