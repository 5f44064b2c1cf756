// Package netpack implements the framing of skynet's gate connections
// (client gates and the cluster listener): every frame is a big-endian
// uint16 length followed by that many payload bytes, 0 to 65535.
//
// Pack and AppendPack build frames. Decoder splits one connection's reads
// into frames and Filter does it for many connections keyed by id. Both
// report each read the way skynet's netpack.filter does, so gate logic
// ports unchanged:
//
//   - EventNone: no frame completed (a read may stop anywhere, even
//     between the two length bytes);
//   - EventData: the read completed exactly one frame and nothing followed
//     it; the frame is returned directly;
//   - EventMore: anything followed the first frame, even a single header
//     byte; every frame of the read is queued and taken with Pop.
//
// Returned frames alias reusable buffers and are valid until the next
// read is fed, which keeps a busy gate allocation-free; clone a frame to
// keep it. WithMaxFrame lets a gate refuse frames above its own budget
// with a *FrameSizeError before buffering them.
package netpack
