package search

import (
	"bytes"
	"slices"
)

// Candidate collection: how a scan records the slots that matched (strong
// and weak, with their subPos) for the session's next keystroke, and the
// prefetching that makes visiting a sparse slot list cheaper.

// compact gathers the chunks' strong candidates and then their weak ones
// (stored backwards at each region's end) into ascending lists. The strong
// ones are moved to the front of buf; the weak ones, usually fewer by the
// time narrowing matters, get their own slices.
func (p *plan) compact(buf, posBuf []uint32, nstrong, nweak []int) (cands, pos, wcands, wpos []uint32) {
	nw := 0
	for _, k := range nweak {
		nw += k
	}
	wcands = make([]uint32, 0, nw)
	if p.collectPos {
		wpos = make([]uint32, 0, nw)
	}
	n := 0
	for c, k := range nstrong {
		end := (c + 1) * chunkSize
		for i := end - 1; i >= end-nweak[c]; i-- {
			wcands = append(wcands, buf[i])
			if p.collectPos {
				wpos = append(wpos, posBuf[i])
			}
		}
		if p.collectPos {
			copy(posBuf[n:], posBuf[c*chunkSize:c*chunkSize+k])
		}
		n += copy(buf[n:], buf[c*chunkSize:c*chunkSize+k])
	}
	cands = buf[:n:n]
	if p.collectPos {
		pos = posBuf[:n:n]
	}
	// Keep a right-sized copy when most of the buffer is unused, so a
	// session's remembered frames do not pin megabytes of slack.
	if n < len(buf)/2 {
		cands, pos = slices.Clone(cands), slices.Clone(pos)
	}
	return cands, pos, wcands, wpos
}

const prefetchBlock = 16

// sparse reports whether a slot list is spread thinly enough over the
// slots that visiting it in order takes a cache miss per array per slot,
// which prefetching then overlaps. On a dense list (a broad query's
// candidates) the hardware prefetcher already streams the arrays, and the
// extra pass only costs time.
func sparse(list []uint32) bool {
	return len(list) > 1 && int(list[len(list)-1]-list[0]) > 8*len(list)
}

// prefetch touches the hot data of a block of slots in independent loads,
// so the CPU overlaps their cache misses instead of taking them one by one
// inside visit.
func (w *worker) prefetch(list []uint32) {
	ix := w.p.ix
	var acc uint64
	for _, s := range list {
		m := &ix.meta[s]
		acc += ix.masks[s] + ix.aux[s].word + uint64(m.off)
	}
	w.sink += acc
}

// collect records a candidate and its subPos.
func (w *worker) collect(s, pos uint32, weak bool) {
	i := w.nstrong
	if weak {
		w.nweak++
		i = len(w.region) - w.nweak
	} else {
		w.nstrong++
	}
	w.region[i] = s
	if w.p.collectPos {
		w.pregion[i] = pos
	}
}

// weak reports whether a matching item is a weak candidate (see outcome):
// some term is not a subsequence of the label (lsub) and not contiguous in
// the secondary text. A one-letter term missing from the label is in the
// secondary text, so it is contiguous there.
func (q *query) weak(lsub uint64, sec []byte) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if lsub&(1<<i) == 0 && !t.single && !bytes.Contains(sec, t.fold) {
			return true
		}
	}
	return false
}

// mergeSlots merges two ascending slot lists and their parallel subPos
// lists (nil when not collected).
func mergeSlots(a, apos, b, bpos []uint32) ([]uint32, []uint32) {
	if len(b) == 0 {
		return a, apos
	}
	if len(a) == 0 {
		return b, bpos
	}
	out := make([]uint32, 0, len(a)+len(b))
	var pos []uint32
	if apos != nil {
		pos = make([]uint32, 0, len(a)+len(b))
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && a[i] < b[j] {
			out = append(out, a[i])
			if pos != nil {
				pos = append(pos, apos[i])
			}
			i++
		} else {
			out = append(out, b[j])
			if pos != nil {
				pos = append(pos, bpos[j])
			}
			j++
		}
	}
	return out, pos
}
