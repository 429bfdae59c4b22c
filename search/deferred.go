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
// rank what is left. The plan's tier must be the one o's scan ran with.
// Callers hold ix.mu for reading (possibly released and retaken since o's
// scan).
func (p *plan) settle(ctx context.Context, o *outcome) bool {
	p.deferring = false
	if len(o.deferred.slots) == 0 && o.later == nil {
		return true
	}
	rankless := p.rankless
	p.rankless = true
	defer func() { p.rankless = rankless }()
	od := p.run(ctx, splitSpans(o.deferred.slots, o.deferred.pos, 0, 0))
	if !od.done {
		return false // o keeps its deferred slots, unchecked
	}
	if o.later != nil {
		ol := p.run(ctx, o.later.selected())
		if !ol.done {
			return false
		}
		od.cands = od.cands.merged(ol.cands)
	}
	o.cands = o.cands.merged(od.cands)
	o.deferred, o.later = slotList{}, nil
	return true
}

// unchecked is the slots o deferred (see settle), in ascending order.
func (o *outcome) unchecked() []uint32 {
	if o.later == nil {
		return o.deferred.slots
	}
	u, _ := mergeSlots(o.deferred.slots, nil, o.later.slots(), nil)
	return u
}

// outranked reports, from metadata alone, that slot s cannot enter the
// list: its quality bound is below the floor, or equals the worst kept
// hit's quality and its score bound is below that hit's score. Slots must
// come in ascending order within a chunk (the lead cursor moves forward).
func (w *worker) outranked(s uint32) bool {
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
	a, m, bd := w.cur.aux, w.cur.meta, w.cur.bnds
	// Digit pairs are read only for a query that has some.
	var sdig *digitPairs
	if p.q.digits {
		sdig = &p.ix.digs[s]
	}
	ub, labelOnly := p.q.boundAt(a, m.lpair, &m.lhead, nil, sdig, true, w.onLead(s), floor)
	// A loose or weak candidate's tier caps its quality where its masks
	// cannot ("mari" after "mar": the loose ones are ranked by score).
	ub = min(ub, p.tier.cap())
	if ub < floor {
		d.hits++
		return true
	}
	if !w.top.full() {
		return false
	}
	worst := &w.top.h[0]
	if ub == worst.quality && worst.quality == floor && w.top.beats(p.ix.metaBound(p.q, m, bd, a, labelOnly), m.boost, m.olen) {
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
	w.chunk = c
	if !w.p.deferring {
		return
	}
	first := sp.lo
	if sp.list != nil {
		first = sp.list[0]
	}
	w.li, _ = slices.BinarySearch(w.p.lead, first)
	w.def.checks, w.def.hits, w.def.off = 0, 0, false
}

// deferrals are one worker's deferred slots, with the subPos each was
// visited with.
type deferrals struct {
	chunked
	// checks and hits count the current chunk's tests and deferrals; off
	// stops testing for the rest of it.
	checks, hits int
	off          bool
}
