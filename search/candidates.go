package search

import (
	"slices"
)

// Candidate collection: how a scan records the slots that matched (by tier,
// with their subPos) for the session's next keystroke, and the
// prefetching that makes visiting a sparse slot list cheaper.

// compact gathers the chunks' candidates, nfront at the start of each
// chunk's region and nback stored backwards at its end, into two ascending
// lists. The front ones are moved to the front of buf; the back ones get
// their own slices.
func (p *plan) compact(buf, posBuf []uint32, nfront, nback []int) (front, back slotList) {
	nb := 0
	for _, k := range nback {
		nb += k
	}
	back.slots = make([]uint32, 0, nb)
	if p.collectPos {
		back.pos = make([]uint32, 0, nb)
	}
	n := 0
	for c, k := range nfront {
		end := (c + 1) * chunkSize
		for i := end - 1; i >= end-nback[c]; i-- {
			back.slots = append(back.slots, buf[i])
			if p.collectPos {
				back.pos = append(back.pos, posBuf[i])
			}
		}
		if p.collectPos {
			copy(posBuf[n:], posBuf[c*chunkSize:c*chunkSize+k])
		}
		n += copy(buf[n:], buf[c*chunkSize:c*chunkSize+k])
	}
	front.slots = buf[:n:n]
	if p.collectPos {
		front.pos = posBuf[:n:n]
	}
	// Keep a right-sized copy when most of the buffer is unused, so a
	// session's remembered frames do not pin megabytes of slack.
	if n < len(buf)/2 {
		front.slots, front.pos = slices.Clone(front.slots), slices.Clone(front.pos)
	}
	return front, back
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

// collect records a candidate of tier t (the spans' own tier, or lower)
// and its subPos.
func (w *worker) collect(s, pos uint32, t tier) {
	i := w.nfront
	switch {
	case t == loose && w.p.tier == open:
		w.loose.add(w.chunk, s, pos)
		return
	case t == weak && w.p.tier != weak:
		w.nback++
		i = len(w.region) - w.nback
	default:
		w.nfront++
	}
	w.region[i] = s
	if w.p.collectPos {
		w.pregion[i] = pos
	}
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
