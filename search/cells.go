package search

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"slices"
)

// Length cells.
//
// Some keystrokes leave most of a million items tied at one quality: "+1 2"
// after "+1 " (650,000 phone numbers, most with a block starting with 2).
// Their order is then decided by the fuzzy score, which falls by one for
// every unmatched byte, so the best are the shortest texts. Deciding on
// each candidate from its metadata (worker.outranked) costs about 60 ns,
// and at 650,000 candidates that was 20 ms a keystroke, most of it proving
// that long texts cannot beat short ones.
//
// So once a search has settled and the user reads its answer, the session
// sorts its open and loose candidates into cells by their label length,
// their secondary length and whether either text has a camel, and keeps,
// per cell, what bounds its members' quality and score: the union of their
// character sets, pairs, bonus characters and first bytes, the least
// lengths, the largest boost. The next keystroke then ranks in two phases
// (plan.runCells): first the members of the cells whose bounds are best,
// which fills the list with good matches; then, against the worst of
// those, the cells whose bounds say a member might still enter. A cell
// that cannot is deferred whole, as outranked defers a slot, without a
// byte of its members read. "+1 2" decides on the members of a few dozen
// cells instead of 650,000 slots (21 → 2 ms).
//
// Where bounds cannot tell cells apart (the letters of "son" occur in
// every kind of name), little is deferred and the second phase ranks all
// the candidates as before, seeded by the first: that costs the first
// phase, a few thousand slots.
//
// Cells are kept, like hot copies, for the session's newest frame only,
// for frames of at least cellMinCands open and loose candidates: 4 bytes
// a candidate and 2.4 MB of summaries. A cell's bounds only loosen when
// one of its members is tombstoned, but a boost raised in place would
// leave its largest boost stale, so the cells are used only while the
// index's count of such changes stands.

// numCells is the number of length cells: 64 label classes by 32
// secondary classes, by whether either text has a camel.
const numCells = 64 * 32 * 4

// cellMinCands is the number of open and loose candidates a frame needs to
// get cells. A variable for tests.
var cellMinCands = 100_000

// firstCellsMin is how many candidates the first phase of a ranking by
// cells visits at least (whole cells, best bounds first).
const firstCellsMin = 4096

// cellOf is the cell of a slot: its label length (63 bytes and longer
// share a class), its secondary text's length halved (62 bytes and longer
// share one), and whether either has a camel. A camel lets a character earn two bonuses at once (see
// textBound), so one camel in a cell would loosen the bound of all.
func cellOf(m *slotMeta) uint16 {
	camels := 0
	if m.flag&flagCamelLabel != 0 {
		camels |= 1
	}
	if m.flag&flagCamelSec != 0 {
		camels |= 2
	}
	return uint16(min(int(m.llen), 63)<<7 | min(int(m.slen)/2, 31)<<2 | camels)
}

// cellSum is what bounds the quality and score of a cell's members: the
// union of their sets, the least of their lengths and the largest boost.
type cellSum struct {
	n            int32
	mask         uint64
	aux          auxMasks
	digs         digitPairs
	lpair        uint32
	lbch, sbch   uint32
	lmulti       uint32
	smulti       uint32
	lhead, shead [3]uint64 // maskBit sets of the bytes at positions 0-2
	boost        int32
	llen, slen   uint16
	olen         uint16
	lbon         uint8
	flag         uint8
}

// add folds one slot into the summary.
func (c *cellSum) add(mask uint64, a *auxMasks, m *slotMeta, bd *slotBounds, d *digitPairs) {
	one := cellSum{n: 1, mask: mask, aux: *a, digs: *d, lpair: m.lpair, lbch: m.lbch, sbch: bd.sbch,
		lmulti: bd.lmulti, smulti: bd.smulti, boost: m.boost, llen: m.llen, slen: m.slen, olen: m.olen,
		lbon: m.lbon, flag: m.flag}
	for j := range 3 {
		one.lhead[j], one.shead[j] = maskBit(m.lhead[j]), maskBit(bd.shead[j])
	}
	c.merge(&one)
}

// merge folds another summary of the same cell into c.
func (c *cellSum) merge(o *cellSum) {
	if o.n == 0 {
		return
	}
	if c.n == 0 {
		*c = *o
		return
	}
	c.n += o.n
	c.mask |= o.mask
	c.aux.label |= o.aux.label
	c.aux.lword |= o.aux.lword
	c.aux.word |= o.aux.word
	c.digs[0] |= o.digs[0]
	c.digs[1] |= o.digs[1]
	c.lpair |= o.lpair
	c.lbch |= o.lbch
	c.sbch |= o.sbch
	c.lmulti |= o.lmulti
	c.smulti |= o.smulti
	for j := range 3 {
		c.lhead[j] |= o.lhead[j]
		c.shead[j] |= o.shead[j]
	}
	c.boost = max(c.boost, o.boost)
	c.llen, c.slen, c.olen = min(c.llen, o.llen), min(c.slen, o.slen), min(c.olen, o.olen)
	c.lbon = max(c.lbon, o.lbon)
	c.flag |= o.flag
}

// headSetAt is headAt for a cell: the positions whose byte set may hold c.
func headSetAt(h *[3]uint64, c byte) uint8 {
	var at uint8
	b := maskBit(c)
	for j := range h {
		if h[j]&b != 0 {
			at |= 1 << j
		}
	}
	return at
}

// bound is the best quality and an upper bound of the score any member of
// the cell may have for q (given that a quality of want or better is what
// counts, see boundAt), capped at the tier's cap. The score bound is
// MaxInt when some term is off scoreFolded's path, as in metaBound.
func (c *cellSum) bound(q *query, cap, want Quality) (Quality, int) {
	ub, labelOnly := q.boundAt(&c.aux, c.lpair, nil, &c.lhead, &c.digs, false, false, want)
	ub = min(ub, cap)
	total := 0
	for i := range q.terms {
		t := &q.terms[i]
		if !t.ascii {
			return ub, math.MaxInt
		}
		b := math.MinInt / 2
		if labelOnly&(1<<i) == 0 {
			if c.flag&flagOddSec != 0 {
				return ub, math.MaxInt
			}
			b = textBound(t.fold, int(c.slen), headSetAt(&c.shead, t.fold[0]), c.sbch, c.smulti, len(t.fold), math.MaxUint32,
				t.innerSep || c.flag&flagCamelSec != 0)
		}
		if t.mask&^c.aux.label == 0 {
			if c.flag&flagOddLabel != 0 {
				return ub, math.MaxInt
			}
			b = max(b, textBound(t.fold, int(c.llen), headSetAt(&c.lhead, t.fold[0]), c.lbch, c.lmulti, int(c.lbon), c.lpair,
				t.innerSep || c.flag&flagCamelLabel != 0))
		}
		total += b
	}
	return ub, total
}

// cellIndex is a frame's cells: per tier (open and loose), the
// summaries, and the candidates cell by cell, as positions in the tier's
// slot list (ascending within a cell): members[t][start[t][c]:start[t][c+1]]
// are cell c's. They cover the first n[t] positions of the list (a
// repeated query's frame appends slots to a copied list, see repeated).
type cellIndex struct {
	sums     [weak]*[numCells]cellSum
	members  [weak][]uint32
	start    [weak]*[numCells + 1]int32
	n        [weak]int
	reboosts uint64
}

// valid reports whether the cells still bound what the index holds.
// Callers hold ix.mu for reading, and have checked the frame's epoch.
func (c *cellIndex) valid(ix *Index) bool {
	return c != nil && c.reboosts == ix.reboosts
}

// makeCells sorts the open and loose candidates into cells, or returns nil
// if there are too few of them or ctx ends first. Callers hold ix.mu for
// reading.
func (ix *Index) makeCells(ctx context.Context, cands *tiered) *cellIndex {
	if len(cands[open].slots)+len(cands[loose].slots) < cellMinCands || ctx.Err() != nil {
		return nil
	}
	c := &cellIndex{reboosts: ix.reboosts}
	// The cell of every candidate and the summaries, on all cores (each
	// worker sums into arrays of its own, merged below).
	type job struct {
		t     tier
		out   []uint16
		slots []uint32
	}
	var jobs []job
	var of [weak][]uint16
	for t := range of {
		l := cands[t].slots
		of[t] = make([]uint16, len(l))
		c.n[t] = len(l)
		for i := 0; i < len(l); i += chunkSize {
			e := min(i+chunkSize, len(l))
			jobs = append(jobs, job{tier(t), of[t][i:e], l[i:e]})
		}
	}
	workers := pullers(len(jobs))
	sums := make([][weak]*[numCells]cellSum, workers)
	for wi := range sums {
		for t := range sums[wi] {
			sums[wi][t] = new([numCells]cellSum)
		}
	}
	done := pull(ctx, len(jobs), workers, func(wi, i int) {
		j := jobs[i]
		cs := sums[wi][j.t]
		for k, s := range j.slots {
			m := &ix.meta[s]
			id := cellOf(m)
			j.out[k] = id
			cs[id].add(ix.masks[s], &ix.aux[s], m, &ix.bnds[s], &ix.digs[s])
		}
	})
	if !done {
		return nil
	}
	for t := range c.sums {
		c.sums[t] = sums[0][t]
		for _, other := range sums[1:] {
			for id := range c.sums[t] {
				c.sums[t][id].merge(&other[t][id])
			}
		}
		// A counting sort of the positions by cell.
		start := new([numCells + 1]int32)
		for id := range c.sums[t] {
			start[id+1] = start[id] + c.sums[t][id].n
		}
		next := *start
		members := make([]uint32, len(of[t]))
		for i, id := range of[t] {
			members[next[id]] = uint32(i)
			next[id]++
		}
		c.members[t], c.start[t] = members, start
	}
	return c
}

// mark sets, in a bitmap over tier t's list positions, the bits of the
// members of the cells.
func (c *cellIndex) mark(t tier, cells []uint16) []uint64 {
	sel := make([]uint64, (c.n[t]+63)/64)
	st := c.start[t]
	for _, id := range cells {
		for _, i := range c.members[t][st[id]:st[id+1]] {
			sel[i/64] |= 1 << (i % 64)
		}
	}
	return sel
}

// selected gives the spans the list covers their windows of sel, a bitmap
// over the first n positions of the list they were cut from (the list
// spans come first, each chunkSize long but the last). Spans beyond n are
// returned as they are if all is true, and left out otherwise.
func selected(spans []span, sel []uint64, n int, all bool) []span {
	var out []span
	off := 0
	for _, sp := range spans {
		if sp.list == nil || off+len(sp.list) > n {
			if all {
				out = append(out, sp)
			}
			continue
		}
		sp.sel = sel[off/64 : (off+len(sp.list)+63)/64]
		out = append(out, sp)
		off += len(sp.list)
	}
	return out
}

// laterCells are cells whose members a ranking by cells deferred whole (see
// runCells): still to be checked for being candidates, after the answer.
type laterCells struct {
	ci    *cellIndex
	t     tier
	cells []uint16
	spans []span // the tier's spans the cells cover
}

// selected is the tier's spans, each with the selection of its deferred
// members (the spans the cells do not cover are left out).
func (l *laterCells) selected() []span {
	return selected(l.spans, l.ci.mark(l.t, l.cells), l.ci.n[l.t], false)
}

// slots are the deferred members' slots, in ascending order.
func (l *laterCells) slots() []uint32 {
	var out []uint32
	for _, sp := range l.selected() {
		forSelected(sp.sel, func(i int) { out = append(out, sp.list[i]) })
	}
	return out
}

// forSelected calls f with the position of every set bit of sel, in order.
func forSelected(sel []uint64, f func(i int)) {
	for wi, w := range sel {
		for w != 0 {
			f(wi*64 + bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
}

// runCells is run for the spans of tier t (of a frame's candidate list,
// then any slots added since) by the frame's cells. It first ranks the
// members of the best cells, without collecting them, so that the list is
// full of good matches from the start. Against those, it defers the cells
// whose bounds prove that no member can enter it (outcome.later), and
// ranks and collects the rest: all the spans when that defers little (a
// selection costs more than it saves there), else the other cells'
// members and the slots the cells do not cover. The plan must be
// deferring. Callers hold ix.mu for reading.
func (p *plan) runCells(ctx context.Context, spans []span, ci *cellIndex, t tier) outcome {
	sums := ci.sums[t]
	first := p.firstCells(sums)
	collect := p.collect
	p.collect = false
	o1 := p.run(ctx, selected(spans, ci.mark(t, first), ci.n[t], false))
	p.collect = collect
	if !o1.done {
		return o1
	}
	seed := p.seed
	p.seed = p.merge(seed, o1.hits)
	defer func() { p.seed = seed }()
	visit, later, deferred := p.restCells(sums)
	if deferred < ci.n[t]/4 {
		return p.run(ctx, spans)
	}
	o := p.run(ctx, selected(spans, ci.mark(t, visit), ci.n[t], true))
	if o.done {
		o.later = &laterCells{ci: ci, t: t, cells: later, spans: spans}
	}
	return o
}

// firstCells are the cells whose bounds are best, enough of them to hold
// firstCellsMin candidates.
func (p *plan) firstCells(sums *[numCells]cellSum) []uint16 {
	type ranked struct {
		id    uint16
		q     Quality
		score int
	}
	var cs []ranked
	for id := range sums {
		c := &sums[id]
		if c.n == 0 || p.q.mask&^c.mask != 0 {
			continue
		}
		q, s := c.bound(p.q, p.tier.cap(), NoQuery)
		cs = append(cs, ranked{uint16(id), q, s})
	}
	slices.SortFunc(cs, func(a, b ranked) int {
		if a.q != b.q {
			return cmp.Compare(b.q, a.q)
		}
		return cmp.Compare(b.score, a.score)
	})
	var out []uint16
	n := 0
	for _, c := range cs {
		if n >= firstCellsMin {
			break
		}
		out = append(out, c.id)
		n += int(sums[c.id].n)
	}
	return out
}

// restCells sorts the cells against the ranking so far (p.seed): a cell
// whose bounds prove that no member can enter the list (as outranked does
// for one slot) is to be deferred (later), the others visited. A cell none
// of whose members holds the query's characters is neither. deferred is
// the number of members of the later cells.
func (p *plan) restCells(sums *[numCells]cellSum) (visit, later []uint16, deferred int) {
	var worst *hit
	floor := NoQuery
	if len(p.seed) == p.limit && p.limit > 0 {
		worst = &p.seed[len(p.seed)-1]
		floor = max(worst.quality, Quality(p.floor.Load()))
	}
	for id := range sums {
		c := &sums[id]
		if c.n == 0 || p.q.mask&^c.mask != 0 {
			continue
		}
		if worst != nil {
			ub, score := c.bound(p.q, p.tier.cap(), floor)
			if ub < floor || ub == worst.quality && worst.quality == floor && worst.beats(score, c.boost, c.olen) {
				later = append(later, uint16(id))
				deferred += int(c.n)
				continue
			}
		}
		visit = append(visit, uint16(id))
	}
	return visit, later, deferred
}
