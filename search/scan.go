package search

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// The scan engine. A search visits a set of slots (everything, a posting
// list, or a session's previous candidates plus newer slots), in chunks that
// both cores pull from a shared counter, so a slow chunk on one core does
// not leave the other idle. Per item, the cheapest test that can reject
// runs first:
//
//  1. the character mask (one AND, no text touched; also rejects tombstones);
//  2. kind/object filters;
//  3. once the top-k list is full, bounds of the quality and score from
//     metadata (deferred.go): an item that cannot enter is skipped, or,
//     when a session collects candidates, deferred until after the answer;
//  4. a byte subsequence test per query term on the folded text (the match
//     predicate: every term must be a subsequence of the label or of the
//     secondary text);
//  5. the match quality, from a few bytes.Index calls;
//  6. only if that quality can still enter the top-k (the heap's floor,
//     shared across workers), and a bound of the score does not rule it
//     out, the fuzzy score.
//
// Steps 1-3 are admit, 4 visit, 5-6 rank. Items that pass 4 are the
// search's candidates, which a session keeps, in tiers (tiers.go), to
// narrow the next keystroke's search.
//
// With each candidate a session also keeps where the greedy subsequence
// match of the query's last term ended, in the label and in the secondary
// text (a subPos). When the next query extends that term ("mari" after
// "mar"), step 4 continues from there and reads only the text after it,
// instead of searching the whole label and secondary text again: without
// it, a query with few word-start matches spends most of a million-item
// scan re-finding "mar" in ".com" addresses.

const chunkSize = 4096

// span is a unit of work: a run of a slot list, or a slot range. pos, if
// not nil, holds the subPos of each slot of list from the search being
// narrowed, hot, if not nil, a copy of their hot data (hot.go), and sel,
// if not nil, a bitmap of the positions of list to visit (the others are
// left alone, see runCells).
type span struct {
	list   []uint32
	pos    []uint32
	hot    []slotHot
	sel    []uint64
	lo, hi uint32
}

// A subPos packs, for one candidate and one term, the offsets just past the
// greedy subsequence match (see subsequenceEnd) in the folded label (high
// 16 bits) and secondary text (low 16 bits), or posNone when the term is no
// subsequence of that text, or posUnknown when it was not computed (the
// term matched the label, so the secondary text was never searched; a
// one-letter term, decided by the masks; an offset too large to store).
// Offsets fit 16 bits because folded texts are capped at maxText bytes.
const (
	posUnknown     = 0xFFFE
	posNone        = 0xFFFF
	posUnknownPair = posUnknown<<16 | posUnknown
)

// packPos encodes a subsequenceEnd result for a subPos half.
func packPos(end int) uint32 {
	switch {
	case end < 0:
		return posNone
	case end >= posUnknown:
		return posUnknown
	}
	return uint32(end)
}

// resumeEnd is subsequenceEnd(t, f), given p, the packed end of the greedy
// match of t's first from bytes in f. Continuing from p is exact because
// greedy matching of a prefix is a prefix of greedy matching (and from is a
// rune boundary: the shorter term is valid UTF-8 and a prefix of t).
func resumeEnd(t, f []byte, p uint32, from int) int {
	switch p {
	case posNone:
		return -1
	case posUnknown:
		return subsequenceEnd(t, f)
	}
	e := subsequenceEnd(t[from:], f[p:])
	if e < 0 {
		return -1
	}
	return int(p) + e
}

// plan is one search's shared, read-only state, plus the shared floor.
type plan struct {
	ix      *Index
	q       *query
	limit   int
	kinds   *[256]bool // nil = all kinds
	objects []bool     // by object id; nil = all objects
	collect bool       // record candidates
	// collectPos: also record their subPos; not for a one-letter last
	// term, which the masks decide (it would be all posUnknownPair).
	collectPos bool
	// resume is the index of the term whose subPos the spans carry, and
	// resumeLen the length of the shorter term they were computed for; -1
	// when the spans carry none.
	resume    int
	resumeLen int
	// tier is the tier (see tiers.go) of the spans' slots as candidates
	// of the query being narrowed: its matches are of that tier or a
	// lower one, and rank at most at its cap. rankless: collect
	// candidates without ranking, once an earlier pass has proved the
	// ranking final.
	tier     tier
	rankless bool
	// deferring: skip, before reading their text, items whose metadata
	// proves they cannot enter the list (worker.outranked); when
	// collecting, they are kept apart as deferred, to be checked after the
	// answer is out. lead is the first term's posting list (see boundAt).
	deferring bool
	lead      []uint32
	// texts: some term is longer than a letter, so visit reads the text
	// of every slot it is given (one-letter terms are decided by masks).
	texts bool
	// seed is the ranking of an earlier pass of the same search over other
	// slots, which every worker's heap starts from, so that its bounds
	// hold from the first slot on.
	seed  []hit
	floor atomic.Int32
}

func (ix *Index) newPlan(q *query, opt Options, collect bool) *plan {
	p := &plan{ix: ix, q: q, limit: limitOf(opt), collect: collect, resume: -1}
	p.collectPos = collect && !q.empty() && !q.terms[len(q.terms)-1].single
	if !q.empty() {
		p.deferring, p.lead = true, ix.post.list(q.terms[0].fold)
	}
	for _, t := range q.terms {
		p.texts = p.texts || !t.single
	}
	if len(opt.Kinds) > 0 {
		p.kinds = new([256]bool)
		for _, k := range opt.Kinds {
			p.kinds[k] = true
		}
	}
	if len(opt.Objects) > 0 {
		p.objects = make([]bool, len(ix.objects))
		for _, o := range opt.Objects {
			if id, ok := ix.objIDs[o]; ok {
				p.objects[id] = true
			}
		}
	}
	return p
}

// outcome is what a scan produces.
type outcome struct {
	hits []hit // best first, at most limit
	// cands are the slots that matched, by tier, when collecting, with
	// their subPos for the last term when the plan collects those.
	cands tiered
	// deferred are slots left unread because they cannot enter the list
	// (see plan.deferring), with the subPos each was visited with
	// (posUnknownPair if its span carried none): still to be checked for
	// being candidates.
	deferred slotList
	// later are cells deferred whole (see plan.runCells), or nil.
	later *laterCells
	done  bool // false if the context ended the scan early
}

// splitSpans cuts the work into chunks. pos is nil or parallel to list.
func splitSpans(list, pos []uint32, lo, hi uint32) []span {
	var out []span
	for len(list) > 0 {
		n := min(len(list), chunkSize)
		sp := span{list: list[:n]}
		if pos != nil {
			sp.pos, pos = pos[:n], pos[n:]
		}
		out = append(out, sp)
		list = list[n:]
	}
	for lo < hi {
		n := min(hi-lo, chunkSize)
		out = append(out, span{lo: lo, hi: lo + n})
		lo += n
	}
	return out
}

// run scans the spans. Callers hold ix.mu for reading.
func (p *plan) run(ctx context.Context, spans []span) outcome {
	// Candidates: each chunk collects into its own region of one buffer
	// (chunks hold at most chunkSize slots), those of the spans' own tier
	// from the region's start and weak ones from its end, and the regions
	// are compacted in chunk order at the end, so collecting costs one
	// allocation whatever the match count. Loose candidates found in open
	// spans, and deferred slots, go to lists of each worker's own.
	var buf, posBuf []uint32
	var nfront, nback []int
	if p.collect {
		buf = make([]uint32, len(spans)*chunkSize)
		if p.collectPos {
			posBuf = make([]uint32, len(spans)*chunkSize)
		}
		nfront, nback = make([]int, len(spans)), make([]int, len(spans))
	}
	ws := make([]*worker, pullers(len(spans)))
	for wi := range ws {
		w := &worker{p: p, top: newTopK(p.limit, p.ix), scratch: make([]int, 0, p.q.maxLen)}
		for _, h := range p.seed {
			w.top.offer(h)
		}
		ws[wi] = w
	}
	done := pull(ctx, len(spans), len(ws), func(wi, c int) {
		w := ws[wi]
		if p.collect {
			w.region = buf[c*chunkSize : (c+1)*chunkSize]
			if p.collectPos {
				w.pregion = posBuf[c*chunkSize : (c+1)*chunkSize]
			}
			w.nfront, w.nback = 0, 0
		}
		sp := spans[c]
		w.startChunk(c, sp)
		w.visitSpan(sp)
		if p.collect {
			nfront[c], nback[c] = w.nfront, w.nback
		}
	})
	if !done {
		return outcome{}
	}
	lists := make([][]hit, len(ws))
	for i, w := range ws {
		lists[i] = w.top.h
	}
	o := outcome{hits: p.merge(lists...), done: true}
	if p.collect {
		front, back := p.compact(buf, posBuf, nfront, nback)
		o.cands[p.tier] = front
		if p.tier != weak {
			o.cands[weak] = back
		}
		var ls, ds []*chunked
		for _, w := range ws {
			ls, ds = append(ls, &w.loose), append(ds, &w.def.chunked)
		}
		if p.tier == open {
			o.cands[loose] = gather(ls, p.collectPos)
		}
		o.deferred = gather(ds, true)
	}
	return o
}

// pullers is how many goroutines pull splits n items between: one per core,
// at least one.
func pullers(n int) int { return max(min(runtime.GOMAXPROCS(0), n), 1) }

// pull calls do(wi, i) for every i below n on workers goroutines (wi is
// the goroutine's number), each pulling the next i from a shared counter,
// so that a slow item does not leave a core idle. It stops handing out
// items once ctx ends, and reports whether it handed out every one.
func pull(ctx context.Context, n, workers int, do func(wi, i int)) bool {
	var next atomic.Int64
	var cancelled atomic.Bool
	work := func(wi int) {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			if ctx.Err() != nil {
				cancelled.Store(true)
				return
			}
			do(wi, i)
		}
	}
	if workers <= 1 {
		work(0)
	} else {
		var wg sync.WaitGroup
		for wi := range workers {
			wg.Go(func() { work(wi) })
		}
		wg.Wait()
	}
	return !cancelled.Load()
}

// merge combines lists of hits into the best p.limit, best first; a slot
// in several lists counts once.
func (p *plan) merge(lists ...[]hit) []hit {
	var all []hit
	for _, l := range lists {
		all = append(all, l...)
	}
	ix := p.ix
	slices.SortFunc(all, func(a, b hit) int {
		if better(a, b, ix) {
			return -1
		}
		if better(b, a, ix) {
			return 1
		}
		return 0
	})
	// A seeded hit (see plan.seed) comes back from every worker.
	all = slices.CompactFunc(all, func(a, b hit) bool { return a.slot == b.slot })
	return all[:min(len(all), p.limit)]
}

type worker struct {
	// sink keeps prefetch's loads from being optimised away.
	sink    uint64
	p       *plan
	top     topK
	scratch []int
	// region and pregion are the current chunk's part of the candidate
	// and subPos buffers, when the plan collects: nfront candidates of the
	// spans' tier at the start, nback weak ones at the end, backwards.
	// Loose candidates of open spans go to loose.
	region, pregion []uint32
	nfront, nback   int
	loose           chunked
	// chunk is the index of the span being visited.
	chunk int
	// def holds the slots this worker deferred; li is its cursor in the
	// plan's lead list.
	def deferrals
	li  int
	// cur is the hot data of the slot being admitted or visited.
	cur slotRef
}

// visitSpan visits the slots of a span (or, when it has a selection, the
// selected ones) in blocks. Per block it first decides, from masks and
// metadata, which slots need their text read (admit), and then reads
// those (readKept). On a sparse slot list the masks and metadata are
// first touched in independent loads (prefetch).
func (w *worker) visitSpan(sp span) {
	if sp.sel != nil {
		w.visitSelected(&sp)
		return
	}
	n := len(sp.list)
	if sp.list == nil {
		n = int(sp.hi - sp.lo)
	}
	// A hot copy is read in order: nothing to prefetch.
	pf := sp.hot == nil && sparse(sp.list)
	var keep [prefetchBlock]int
	for b := 0; b < n; b += prefetchBlock {
		e := min(b+prefetchBlock, n)
		if pf {
			w.prefetch(sp.list[b:e])
		}
		k := 0
		for i := b; i < e; i++ {
			w.load(&sp, i)
			if w.admit(sp.slot(i), sp.prev(i)) {
				keep[k] = i
				k++
			}
		}
		w.readKept(&sp, keep[:k])
	}
}

// visitSelected is visitSpan for a span with a selection: the selected
// slots, in blocks, their hot data touched first as for a sparse list
// unless most of a dense list is selected, which streams by itself.
func (w *worker) visitSelected(sp *span) {
	n := 0
	for _, x := range sp.sel {
		n += bits.OnesCount64(x)
	}
	pf := sp.hot == nil && (n < len(sp.list)/2 || sparse(sp.list))
	var take, keep [prefetchBlock]int
	var slots [prefetchBlock]uint32
	m := 0
	flush := func() {
		if pf {
			w.prefetch(slots[:m])
		}
		k := 0
		for _, i := range take[:m] {
			w.load(sp, i)
			if w.admit(sp.slot(i), sp.prev(i)) {
				keep[k] = i
				k++
			}
		}
		w.readKept(sp, keep[:k])
		m = 0
	}
	forSelected(sp.sel, func(i int) {
		take[m], slots[m] = i, sp.list[i]
		if m++; m == prefetchBlock {
			flush()
		}
	})
	flush()
}

// readKept reads the admitted slots at positions keep of a span: it first
// touches their text in independent loads, so their cache misses overlap,
// and then visits them. Deciding first (admit) means the text of a
// deferred slot is never fetched.
func (w *worker) readKept(sp *span, keep []int) {
	ix := w.p.ix
	if w.p.texts {
		var acc uint64
		for _, i := range keep {
			w.load(sp, i)
			if off := w.cur.meta.off; off < uint32(len(ix.text)) {
				acc += uint64(ix.text[off])
			}
		}
		w.sink += acc
	}
	for _, i := range keep {
		w.load(sp, i)
		w.visit(sp.slot(i), sp.prev(i))
	}
}

// slot is the i-th slot of the span.
func (sp *span) slot(i int) uint32 {
	if sp.list != nil {
		return sp.list[i]
	}
	return sp.lo + uint32(i)
}

// prev is the subPos the i-th slot of the span carries.
func (sp *span) prev(i int) uint32 {
	if sp.pos != nil {
		return sp.pos[i]
	}
	return posUnknownPair
}

// admit decides what it can about slot s (w.cur) without its text: false
// if its masks rule it out, if it is an empty query's hit (offered here),
// or if it is deferred (see outranked); true if visit must read it.
func (w *worker) admit(s uint32, prev uint32) bool {
	p := w.p
	q := p.q
	if q.mask&^w.cur.mask != 0 {
		return false
	}
	// The slot's metadata is only read when needed: for one-letter
	// queries most items are decided by the two mask arrays alone.
	if p.kinds != nil || p.objects != nil {
		m := w.cur.meta
		if p.kinds != nil && !p.kinds[m.kind] || p.objects != nil && (int(m.obj) >= len(p.objects) || !p.objects[m.obj]) {
			return false
		}
	}
	if q.empty() {
		m := w.cur.meta
		if m.flag&flagDead == 0 { // the empty query's mask, 0, lets tombstones through
			w.top.offer(hit{slot: s, llen: m.olen, boost: m.boost})
		}
		return false
	}
	if p.deferring && !w.def.off && w.outranked(s) {
		if p.collect {
			w.def.add(w.chunk, s, prev)
		}
		return false
	}
	return true
}

// visit tests an admitted slot s (w.cur) and, if it matches, collects it
// and ranks it. prev is its subPos for term p.resume from the search being
// narrowed, or posUnknownPair.
func (w *worker) visit(s uint32, prev uint32) {
	p := w.p
	ix := p.ix
	q := p.q
	a := w.cur.aux
	var label, sec []byte
	var lsub uint64 // bit i: term i is a subsequence of the label
	last := len(q.terms) - 1
	pos := uint32(posUnknownPair) // subPos of the last term, to remember
	for i := range q.terms {
		t := &q.terms[i]
		if t.single {
			// The mask test above already proved it occurs somewhere.
			if a.label&t.first != 0 {
				lsub |= 1 << i
			}
			continue
		}
		if label == nil {
			label, sec = ix.fieldsOf(w.cur.meta)
		}
		lp, sp, from := uint32(posUnknown), uint32(posUnknown), 0
		if i == p.resume {
			lp, sp, from = prev>>16, prev&0xFFFF, p.resumeLen
		}
		le := -1 // a character missing from the label rules it out
		if t.mask&^a.label == 0 {
			le = resumeEnd(t.fold, label, lp, from)
		}
		spos := uint32(posUnknown) // not searched when the label matches
		if le >= 0 {
			lsub |= 1 << i
		} else {
			se := resumeEnd(t.fold, sec, sp, from)
			if se < 0 {
				return
			}
			spos = packPos(se)
		}
		if i == last {
			pos = packPos(le)<<16 | spos
		}
	}
	t, lastQ := p.tier, NoQuery
	if p.collect {
		// sec is loaded unless every term is one letter, which weakened
		// and loosened do not read.
		t = q.weakened(t, lsub, sec)
	}
	if !p.rankless {
		lastQ = w.rank(s, a, label, sec, lsub, t.cap())
	}
	if p.collect {
		if t == open {
			t = q.loosened(lsub, label, sec, w.cur.meta.lpair, lastQ)
		}
		w.collect(s, pos, t)
	}
}

// rank offers a matching slot to the worker's heap unless it provably
// cannot enter, given its quality's cap. It returns the last term's own
// quality if it computed it, else NoQuery.
func (w *worker) rank(s uint32, a *auxMasks, label, sec []byte, lsub uint64, cap Quality) Quality {
	p := w.p
	ix := p.ix
	q := p.q
	floor := max(w.top.floor(), Quality(p.floor.Load()))
	if floor > cap || floor > LabelSubstring && q.bound(a) < floor {
		return NoQuery
	}
	if label == nil {
		label, sec = ix.fieldsOf(w.cur.meta)
	}
	m := w.cur.meta
	qual, inLabel, lastQ, ok := q.quality(label, sec, lsub, floor)
	if !ok {
		return NoQuery
	}
	if w.top.full() {
		// Only the score (or on a tie the boost and label length) can
		// still lift it above the worst kept hit of its quality: skip
		// scoring if it provably cannot.
		if qual == w.top.h[0].quality && w.top.beats(w.scoreBound(s, a, inLabel), m.boost, m.olen) {
			return lastQ
		}
	}
	score, ok := w.score(s, label, sec, inLabel)
	if !ok {
		return lastQ
	}
	w.top.offer(hit{slot: s, quality: qual, llen: m.olen, score: int32(score), boost: m.boost})
	if w.top.full() {
		if f := int32(w.top.floor()); f > p.floor.Load() {
			// Racing raises are fine: floor only ever needs to be a lower
			// bound of the final list's worst quality.
			for {
				old := p.floor.Load()
				if f <= old || p.floor.CompareAndSwap(old, f) {
					break
				}
			}
		}
	}
	return lastQ
}

func labelLen(s string) uint16 { return uint16(min(len(s), 1<<16-1)) }

// score sums the fuzzy scores of the terms, each on the text its quality
// came from.
func (w *worker) score(s uint32, label, sec []byte, inLabel uint64) (int, bool) {
	ix, q := w.p.ix, w.p.q
	m := w.cur.meta
	total := 0
	for i := range q.terms {
		t := &q.terms[i]
		l := inLabel&(1<<i) != 0
		f, odd, camel := label, flagOddLabel, flagCamelLabel
		if !l {
			f, odd, camel = sec, flagOddSec, flagCamelSec
		}
		var sc int
		var ok bool
		if t.ascii && m.flag&odd == 0 {
			// The original text (cold, a cache miss) is fetched only if
			// a pattern byte turns up where a camel bonus may apply.
			from, orig := len(f), ix.label
			if m.flag&camel != 0 {
				from = int(m.lcamel)
				if !l {
					from, orig = int(m.scamel), ix.secondary
				}
			}
			sc, ok = scoreFolded(t.fold, f, from, func() string { return orig(s) })
		} else {
			sc, _, ok = ix.scoreTerm(t, s, l, w.scratch)
		}
		if !ok {
			return 0, false
		}
		total += sc
	}
	return total, true
}

// scoreTerm scores one term on the label or secondary text of slot s,
// returning rune indexes (into idx's storage on the ASCII path).
func (ix *Index) scoreTerm(t *term, s uint32, inLabel bool, idx []int) (int, []int, bool) {
	text, nul := ix.label(s), ix.meta[s].flag&flagNULLabel != 0
	if !inLabel {
		text, nul = ix.secondary(s), ix.meta[s].flag&flagNULSec != 0
	}
	if !t.ascii {
		return scoreFuzzy(t.raw, text)
	}
	if nul {
		text = text[:strings.IndexByte(text, 0)]
	}
	return scoreText(t.fold, text, idx)
}

// matches turns ranked hits into Matches with highlight indexes. Callers
// hold ix.mu for reading.
func (ix *Index) matches(q *query, hits []hit) []Match {
	out := make([]Match, len(hits))
	for k, h := range hits {
		out[k] = Match{Item: ix.item(h.slot), Quality: h.quality, Score: int(h.score)}
		if q.empty() {
			continue
		}
		label, sec := ix.fields(h.slot)
		var lsub uint64
		for i := range q.terms {
			if isSubsequence(q.terms[i].fold, label) {
				lsub |= 1 << i
			}
		}
		var li, si []int
		for i := range q.terms {
			_, inLabel := q.termQuality(i, label, sec, lsub)
			_, idx, _ := ix.scoreTerm(&q.terms[i], h.slot, inLabel, nil)
			if inLabel {
				li = append(li, idx...)
			} else {
				si = append(si, idx...)
			}
		}
		out[k].LabelIdx = sortedUnique(li)
		out[k].SecondaryIdx = sortedUnique(si)
	}
	return out
}

func sortedUnique(x []int) []int {
	if len(x) == 0 {
		return nil
	}
	slices.Sort(x)
	return slices.Compact(x)
}
