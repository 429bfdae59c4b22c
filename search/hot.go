package search

import "context"

// Hot copies.
//
// A narrowed search reads, for every candidate it decides on, the slot's
// mask, aux masks, metadata and bounds: four arrays indexed by slot. A
// candidate list is a thin, irregular subset of the slots ("sam" after
// "sa": 225,000 of a million), so each of those reads is a cache miss of
// its own, and at a million items the misses, not the arithmetic, were
// most of a keystroke. So once a search has settled its candidates, and
// the user is still reading the answer, the session copies the hot data
// of the open and loose candidates into one array in candidate order. The
// next keystroke then streams through it: "ton" after "to" went from
// about 16 to 10 ms, "sam" after "sa" from 19 to 14, "mari" from 15 to 11
// (at a million items, each keystroke timed with and without, in turn).
//
// Only the session's newest frame keeps its copy (backspace falls back to
// reading the index), and only a frame with at least hotMinCands such
// candidates gets one: below that a scan takes a few milliseconds anyway,
// and the copy would only be work between keystrokes for a fast typist
// (at 100,000 items no frame gets one: that is more than half of them).
// Nor does one whose candidates are more than half of the slots: a list
// that dense streams through the index's arrays about as fast ("+1 2"
// after "+1 ", two thirds of a million, gained nothing), and its copy
// would be the largest. Such a keystroke is not waiting on memory at all:
// streaming those 650,000 candidates' hot data takes about 2 ms on two
// cores, deciding on each of them (worker.outranked) about 19; examining
// fewer of them is what sped it up (length cells, cells.go, made here too).
// Weak candidates are not copied: they are rarely
// ranked (see narrowed), so the copy would mostly cost memory; nor are
// digit pairs (digits.go), which only queries with digits read. A copy
// costs 80 bytes a candidate: 17 MB for "sa" at a million items, 40 MB at
// most.
//
// A copy goes stale when a slot is tombstoned (its mask in the index
// becomes 0, in the copy it does not) or a boost changes in place, so it
// records the index's counts of both and is used only while they stand.
// Slots appended since are not in the copy; they are read from the index
// as before.

// slotHot is one slot's hot data, as a scan reads it.
type slotHot struct {
	mask uint64
	aux  auxMasks
	meta slotMeta
	bnds slotBounds
}

// hotCopy is a frame's copy of its open and loose candidates' hot data,
// parallel to their slot lists.
type hotCopy struct {
	tiers    [weak][]slotHot
	dead     int
	reboosts uint64
}

// hotMinCands is the number of open and loose candidates a frame needs to
// get a hot copy. A variable for tests.
var hotMinCands = 60_000

// valid reports whether the copy still agrees with the index. Callers hold
// ix.mu for reading, and have checked the frame's epoch.
func (h *hotCopy) valid(ix *Index) bool {
	return h != nil && h.dead == ix.dead && h.reboosts == ix.reboosts
}

// copyHot copies the hot data of the open and loose candidates, on all
// cores, or returns nil if there are too few or too many of them, or ctx
// ends first.
// Callers hold ix.mu for reading.
func (ix *Index) copyHot(ctx context.Context, cands *tiered) *hotCopy {
	n := len(cands[open].slots) + len(cands[loose].slots)
	if n < hotMinCands || 2*n > len(ix.masks) || ctx.Err() != nil {
		return nil
	}
	h := &hotCopy{dead: ix.dead, reboosts: ix.reboosts}
	// Jobs of chunkSize slots, pulled by the cores from a counter.
	type job struct {
		out   []slotHot
		slots []uint32
	}
	var jobs []job
	for t := range h.tiers {
		l := cands[t].slots
		h.tiers[t] = make([]slotHot, len(l))
		for i := 0; i < len(l); i += chunkSize {
			e := min(i+chunkSize, len(l))
			jobs = append(jobs, job{h.tiers[t][i:e], l[i:e]})
		}
	}
	done := pull(ctx, len(jobs), pullers(len(jobs)), func(_, i int) {
		j := jobs[i]
		for k, s := range j.slots {
			j.out[k] = slotHot{ix.masks[s], ix.aux[s], ix.meta[s], ix.bnds[s]}
		}
	})
	if !done {
		return nil
	}
	return h
}

// warm gives the session's newest frame, if it is q's, its hot copy and
// its length cells (cells.go): made while the user reads q's answer, for
// the next keystroke, unless a newer search cancels ctx first. One-letter queries get none: their frames hold
// most of the index, and the next query is a short one, which has a
// looser target (it answers in two steps, see SearchAsync).
func (s *Session) warm(ctx context.Context, q *query) {
	if q.runes() < 2 {
		return
	}
	ix := s.ix
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	top := func() *frame {
		if n := len(s.stack); n > 0 && s.stack[n-1].q == q && s.stack[n-1].epoch == ix.epoch {
			return &s.stack[n-1]
		}
		return nil
	}
	s.mu.Lock()
	f := top()
	if f == nil || f.hot != nil && f.cells != nil {
		s.mu.Unlock()
		return
	}
	// Either may be there already: a repeated query's frame carries its
	// predecessor's, which a newer search may have cut short in between.
	cands, needHot, needCells := f.cands, f.hot == nil, f.cells == nil // the lists are never written once pushed
	s.mu.Unlock()
	var h *hotCopy
	var c *cellIndex
	if needHot {
		h = ix.copyHot(ctx, &cands)
	}
	if needCells {
		c = ix.makeCells(ctx, &cands)
	}
	s.mu.Lock()
	if f := top(); f != nil {
		if h != nil {
			f.hot = h
		}
		if c != nil {
			f.cells = c
		}
	}
	s.mu.Unlock()
}

// slotRef points at the hot data of the slot a worker is deciding on, in
// the index or in a frame's hot copy.
type slotRef struct {
	mask uint64
	aux  *auxMasks
	meta *slotMeta
	bnds *slotBounds
}

// load points w.cur at the i-th slot of sp.
func (w *worker) load(sp *span, i int) {
	if sp.hot != nil {
		h := &sp.hot[i]
		w.cur = slotRef{h.mask, &h.aux, &h.meta, &h.bnds}
		return
	}
	w.cur = w.p.ix.ref(sp.slot(i))
}

// ref points at slot s's hot data in the index.
func (ix *Index) ref(s uint32) slotRef {
	return slotRef{ix.masks[s], &ix.aux[s], &ix.meta[s], &ix.bnds[s]}
}

// withHot gives the spans cut from one slot list by splitSpans their parts
// of hot, a copy of the hot data of the list's first len(hot) slots (a
// repeated query's frame appends slots to a copied list, see repeated).
// A span the copy does not cover whole reads the index.
func withHot(spans []span, hot []slotHot) []span {
	for i := range spans {
		n := len(spans[i].list)
		if n > len(hot) {
			break
		}
		spans[i].hot, hot = hot[:n], hot[n:]
	}
	return spans
}
