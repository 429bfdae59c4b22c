package search

import (
	"context"
	"slices"
)

// Deferred candidates (see plan.deferring): a scan that ranks and collects
// at once leaves the items it proves unable to enter the list for later,
// so the answer goes out after reading only the text of those that might.

// settle checks the deferred slots of a collecting scan's outcome and
// adds those that match to its candidates; if ctx ends first, o is left
// as it was. It ends the plan's deferring: the passes after it collect or
// rank what is left. Callers hold ix.mu for reading (possibly released and
// retaken since o's scan).
func (p *plan) settle(ctx context.Context, o *outcome) bool {
	p.deferring = false
	if len(o.deferred) == 0 {
		return true
	}
	rankless := p.rankless
	p.rankless = true
	od := p.run(ctx, splitSpans(o.deferred, o.dpos, 0, 0))
	p.rankless = rankless
	if !od.done {
		return false // o keeps its deferred slots, unchecked
	}
	o.cands, o.pos = mergeSlots(o.cands, o.pos, od.cands, od.pos)
	o.wcands, o.wpos = mergeSlots(o.wcands, o.wpos, od.wcands, od.wpos)
	o.deferred, o.dpos = nil, nil
	return true
}

// outranked reports, from metadata alone, that slot s cannot enter the
// list: its quality bound is below the floor, or equals the worst kept
// hit's quality and its score bound is below that hit's score. Slots must
// come in ascending order within a chunk (the lead cursor moves forward).
func (w *worker) outranked(s uint32, a *auxMasks) bool {
	p := w.p
	floor := max(w.top.floor(), Quality(p.floor.Load()))
	if floor == NoQuery {
		return false
	}
	// The test costs a little for every item; where it hardly ever
	// succeeds (a query whose best matches are scattered letters, which
	// metadata cannot tell from the rest), stop paying for it until the
	// next chunk, by which time the floor may have risen.
	d := &w.def
	if d.checks++; d.checks == deferProbe && d.hits < deferProbe/8 {
		d.off = true
	}
	m, bd := &p.ix.meta[s], &p.ix.bnds[s]
	ub, labelOnly := p.q.boundAt(a, m.lpair, m.lhead, true, w.onLead(s), floor)
	if ub < floor {
		d.hits++
		return true
	}
	if !w.top.full() {
		return false
	}
	worst := &w.top.h[0]
	if ub == worst.quality && worst.quality == floor && p.ix.metaBound(p.q, m, bd, a, labelOnly) < int(worst.score) {
		d.hits++
		return true
	}
	return false
}

// deferMinWork is the number of slots a session's search must have to
// visit before it defers any: below it a search takes a few milliseconds
// and a second pass costs more than it saves. A variable for tests.
var deferMinWork = 50_000

// deferProbe is how many items of a chunk outranked tests before it judges
// whether testing pays.
const deferProbe = 512

// onLead reports whether s is on the plan's lead list, advancing the
// worker's cursor to it.
func (w *worker) onLead(s uint32) bool {
	l := w.p.lead
	for w.li < len(l) && l[w.li] < s {
		w.li++
	}
	return w.li < len(l) && l[w.li] == s
}

// startChunk prepares the worker for chunk c: the lead cursor moves to the
// chunk's first slot, and deferrals are recorded under c.
func (w *worker) startChunk(c int, sp span) {
	if !w.p.deferring {
		return
	}
	first := sp.lo
	if sp.list != nil {
		first = sp.list[0]
	}
	w.li, _ = slices.BinarySearch(w.p.lead, first)
	w.def.chunk, w.def.checks, w.def.hits, w.def.off = c, 0, 0, false
}

// deferrals are one worker's deferred slots, in runs per chunk.
type deferrals struct {
	chunk      int
	slots, pos []uint32
	runs       []defRun
	// checks and hits count the current chunk's tests and deferrals; off
	// stops testing for the rest of it.
	checks, hits int
	off          bool
}

type defRun struct{ chunk, lo, hi int }

func (d *deferrals) add(s, pos uint32) {
	if n := len(d.runs); n == 0 || d.runs[n-1].chunk != d.chunk {
		d.runs = append(d.runs, defRun{d.chunk, len(d.slots), len(d.slots)})
	}
	d.slots = append(d.slots, s)
	d.pos = append(d.pos, pos)
	d.runs[len(d.runs)-1].hi++
}

// gatherDeferred joins the workers' deferred slots, and the subPos each
// was visited with, in chunk order, which is ascending slot order.
func gatherDeferred(ds []deferrals) (slots, pos []uint32) {
	type run struct {
		d *deferrals
		defRun
	}
	var runs []run
	n := 0
	for i := range ds {
		for _, r := range ds[i].runs {
			runs = append(runs, run{&ds[i], r})
			n += r.hi - r.lo
		}
	}
	if n == 0 {
		return nil, nil
	}
	slices.SortFunc(runs, func(a, b run) int { return a.chunk - b.chunk })
	slots, pos = make([]uint32, 0, n), make([]uint32, 0, n)
	for _, r := range runs {
		slots = append(slots, r.d.slots[r.lo:r.hi]...)
		pos = append(pos, r.d.pos[r.lo:r.hi]...)
	}
	return slots, pos
}
