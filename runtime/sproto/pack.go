package sproto

import (
	"fmt"
	"math/bits"
)

// 0-packing works on 8-byte words (the last one zero-padded). A word is a
// bitmap byte of its non-zero bytes followed by those bytes, except that a
// word with no zero byte opens a raw run: ff, word count - 1, raw words.
// While a run is open, words with at most two zero bytes join it too
// (copying two zeros is cheaper than closing the run); a run holds at most
// 256 words.

// maxRun is the longest raw run: its length byte counts words minus one.
const maxRun = 256

// Pack 0-packs src (sproto.pack).
func Pack(src []byte) []byte {
	return AppendPack(make([]byte, 0, len(src)+len(src)/4+2), src)
}

// AppendPack appends the 0-packed form of src to dst.
func AppendPack(dst, src []byte) []byte {
	runAt, run := 0, 0 // offset of the open run's ff byte, words in it
	for off := 0; off < len(src); off += 8 {
		var w [8]byte
		copy(w[:], src[off:])
		var mask byte
		for i, c := range w {
			if c != 0 {
				mask |= 1 << i
			}
		}
		nz := bits.OnesCount8(mask)
		if nz == 8 || (run > 0 && nz >= 6) {
			if run == 0 {
				runAt = len(dst)
				dst = append(dst, 0xff, 0)
			}
			dst = append(dst, w[:]...)
			run++
			dst[runAt+1] = byte(run - 1)
			if run == maxRun {
				run = 0
			}
			continue
		}
		run = 0
		dst = append(dst, mask)
		for _, c := range w {
			if c != 0 {
				dst = append(dst, c)
			}
		}
	}
	return dst
}

// Unpack reverses Pack (sproto.unpack). The result is always a multiple of
// 8 bytes long; the padding of the last word shows as trailing zeros,
// which decoders ignore.
func Unpack(src []byte) ([]byte, error) {
	n, err := unpackedSize(src)
	if err != nil {
		return nil, err
	}
	return appendUnpack(make([]byte, 0, n), src), nil
}

// AppendUnpack appends the unpacked form of src to dst.
func AppendUnpack(dst, src []byte) ([]byte, error) {
	if _, err := unpackedSize(src); err != nil {
		return dst, err
	}
	return appendUnpack(dst, src), nil
}

var errUnpack = fmt.Errorf("%w", ErrUnpack)

// unpackedSize validates src and returns the size it unpacks to, so the
// output is allocated once and only after the input proved well formed.
func unpackedSize(src []byte) (int, error) {
	n := 0
	for i := 0; i < len(src); {
		h := src[i]
		i++
		if h == 0xff {
			if i >= len(src) {
				return 0, errUnpack
			}
			raw := (int(src[i]) + 1) * 8
			i++
			if len(src)-i < raw {
				return 0, errUnpack
			}
			i += raw
			n += raw
			continue
		}
		i += bits.OnesCount8(h)
		if i > len(src) {
			return 0, errUnpack
		}
		n += 8
	}
	return n, nil
}

func appendUnpack(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		h := src[i]
		i++
		if h == 0xff {
			raw := (int(src[i]) + 1) * 8
			dst = append(dst, src[i+1:i+1+raw]...)
			i += 1 + raw
			continue
		}
		for b := 0; b < 8; b++ {
			if h&(1<<b) != 0 {
				dst = append(dst, src[i])
				i++
			} else {
				dst = append(dst, 0)
			}
		}
	}
	return dst
}
