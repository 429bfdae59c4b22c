package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Session is one opening of the palette. It remembers the candidates of the
// queries typed so far so that each keystroke searches only what can still
// match, and it runs searches off the caller's goroutine.
//
// Narrowing: when the new query extends a remembered one ("jan" after
// "ja"), every match of the new query is among the old query's candidates
// or in a slot added since (slots are append-only; replaced and removed
// items are tombstoned, see Index). So the search visits those instead of
// the whole index; after two or three keystrokes that is a small fraction.
// The remembered queries form a stack, so backspace ("jane" → "jan") falls
// back to the candidates of "jan" rather than to a full scan.
//
// A Session is safe for concurrent use, but is meant for one palette: the
// TUI makes one when the palette opens and calls Close when it closes.
type Session struct {
	ix *Index

	mu     sync.Mutex
	stack  []frame
	seq    atomic.Uint64
	cancel context.CancelFunc
	done   chan struct{} // closed when the latest async search has finished
}

// frame is a remembered search: its candidates, in tiers (see tiers.go),
// are every slot below end that matched q with the same filters, with their
// subPos (see scan.go) for q's last term, from which a search for a longer
// term continues.
type frame struct {
	q      *query
	filter string
	epoch  uint64
	end    uint32
	cands  tiered
	// hits is the ranking of q over the candidates, limit long at most,
	// made when the index had seen reboosts in-place boost changes.
	hits     []hit
	limit    int
	reboosts uint64
	// hot is a copy of the open and loose candidates' hot data (hot.go),
	// and cells their length cells (cells.go), or nil; only the newest
	// frame keeps them.
	hot   *hotCopy
	cells *cellIndex
}

// repeats reports whether f ranked the same terms as q with the same
// limit ("smith " after "smith", "+1 " after "+1"), so that its ranking
// still holds but for slots added since: no hit has been removed and no
// boost changed in place since. Callers hold ix.mu for reading.
func (f *frame) repeats(q *query, limit int, ix *Index) bool {
	if f.limit != limit || f.reboosts != ix.reboosts || !q.extends(f.q) || !f.q.extends(q) {
		return false
	}
	for _, h := range f.hits {
		if ix.meta[h.slot].flag&flagDead != 0 {
			return false
		}
	}
	return true
}

// NewSession starts a palette session over the index.
func (ix *Index) NewSession() *Session { return &Session{ix: ix} }

// filterKey identifies the options that change which items match (Limit
// does not: candidates are all matches, not the shown ones).
func filterKey(opt Options) string {
	var b strings.Builder
	ks := slices.Clone(opt.Kinds)
	slices.Sort(ks)
	for _, k := range slices.Compact(ks) {
		b.WriteByte(byte(k))
	}
	b.WriteByte(0)
	os := slices.Clone(opt.Objects)
	slices.Sort(os)
	for _, o := range slices.Compact(os) {
		b.WriteString(o)
		b.WriteByte(0)
	}
	return b.String()
}

// base pops remembered frames that cannot narrow q and returns the one that
// can, if any. Callers hold s.ix.mu for reading (for the epoch).
func (s *Session) base(q *query, filter string) *frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.stack) > 0 {
		f := &s.stack[len(s.stack)-1]
		if f.epoch != s.ix.epoch || f.filter != filter {
			s.stack = s.stack[:0]
			break
		}
		if q.extends(f.q) {
			return f
		}
		s.stack = s.stack[:len(s.stack)-1]
	}
	return nil
}

// push remembers a completed search. A frame for the same terms as the top
// one replaces it. The frames below give up their hot copies.
func (s *Session) push(f frame) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.stack); n > 0 && f.q.extends(s.stack[n-1].q) && s.stack[n-1].q.extends(f.q) {
		s.stack = s.stack[:n-1]
	}
	for i := range s.stack {
		s.stack[i].hot, s.stack[i].cells = nil, nil
	}
	s.stack = append(s.stack, f)
}

// narrowed runs a full-quality search of q, over a remembered frame's
// candidates if one applies or over the whole index otherwise, and
// remembers the result. It ranks the frame's candidates tier by tier (with
// the slots added since in the open tier) until the list is full above the
// next tier's cap; that ranking is final. If early is not nil and work is
// left (deferred slots, tiers not ranked), it hands the ranking to early
// before doing it, which then only collects candidates; early may release
// and retake ix.mu, and returns false to abandon the search. Callers hold
// s.ix.mu for reading.
func (s *Session) narrowed(ctx context.Context, q *query, opt Options, early func([]hit) bool) (outcome, bool) {
	ix := s.ix
	filter := filterKey(opt)
	epoch, end, reboosts := ix.epoch, uint32(len(ix.masks)), ix.reboosts
	p := ix.newPlan(q, opt, !q.empty())
	b := s.base(q, filter)
	// Deferring pays when the answer can go out before the deferred
	// candidates are read, and there are enough of them for that to
	// matter; otherwise it only splits the work in two passes.
	p.deferring = p.deferring && early != nil && s.workFrom(b, q, p.limit) >= deferMinWork
	if b != nil && b.repeats(q, p.limit, ix) {
		return s.repeated(ctx, p, b, filter, end)
	}
	var spans [numTiers][]span
	if b != nil {
		for t := range spans {
			spans[t] = splitSpans(b.cands[t].slots, b.cands[t].pos, 0, 0)
			if tier(t) < weak && b.hot.valid(ix) {
				spans[t] = withHot(spans[t], b.hot.tiers[t])
			}
		}
		spans[open] = append(spans[open], splitSpans(nil, nil, b.end, end)...)
		// Any tier may be empty, and an empty list carries no subPos.
		if slices.ContainsFunc(b.cands[:], func(l slotList) bool { return l.pos != nil }) {
			last := len(b.q.terms) - 1
			p.resume, p.resumeLen = last, len(b.q.terms[last].fold)
		}
	} else {
		spans[open] = ix.allSpans()
	}
	f := frame{q: q, filter: filter, epoch: epoch, end: end, limit: p.limit, reboosts: reboosts}
	// outs[t] is the pass over tier t, ranked while t < ranked.
	var outs [numTiers]outcome
	ranked := open
	for ; ranked < numTiers; ranked++ {
		t := ranked
		if t > open && len(p.seed) == p.limit && p.seed[len(p.seed)-1].quality > t.cap() {
			break
		}
		p.tier = t
		if t < weak && p.deferring && b != nil && b.cells.valid(ix) {
			outs[t] = p.runCells(ctx, spans[t], b.cells, t)
		} else {
			outs[t] = p.run(ctx, spans[t])
		}
		if !outs[t].done {
			return outs[t], false
		}
		p.seed = outs[t].hits
	}
	// The ranking is final; the passes below only collect candidates.
	f.hits, p.seed = p.seed, nil
	pending := false
	for t := range numTiers {
		pending = pending || t >= ranked && len(spans[t]) > 0 || len(outs[t].deferred.slots) > 0 || outs[t].later != nil
	}
	delivered := false
	if early != nil && pending {
		if !early(f.hits) || ix.epoch != epoch {
			return outcome{}, false
		}
		delivered = true
	}
	// The answer is out; a newer keystroke may now cut the collection of
	// candidates short. What was not checked is remembered unchecked, in
	// the tier it came from: the next keystroke, typed fast, then narrows
	// from this query rather than from the one before.
	unfinished := func() {
		if !delivered {
			return
		}
		var unchecked tiered
		for t := range numTiers {
			u := outs[t].unchecked()
			if t >= ranked && !outs[t].done && b != nil {
				u = b.cands[t].slots // the pass over it has not run
			}
			f.cands = f.cands.merged(outs[t].cands)
			unchecked[t] = slotList{slots: u}
		}
		s.pushUnchecked(p, f, unchecked)
	}
	for t := open; t < ranked; t++ {
		p.tier = t
		if !p.settle(ctx, &outs[t]) {
			unfinished()
			return outcome{}, false
		}
	}
	p.deferring, p.rankless = false, true
	for t := ranked; t < numTiers; t++ {
		p.tier = t
		if outs[t] = p.run(ctx, spans[t]); !outs[t].done {
			unfinished()
			return outcome{}, false
		}
	}
	for t := range numTiers {
		f.cands = f.cands.merged(outs[t].cands)
	}
	if !q.empty() {
		s.push(f)
	}
	return outcome{hits: f.hits, cands: f.cands, done: true}, true
}

// pushUnchecked remembers f, a search whose collection of candidates was
// cut short, with the slots it never checked, by the tier they came from:
// then every slot that matches f's query is in f, which is all narrowing
// needs (the next search checks every candidate again), and the tiers'
// caps hold for them. None of these carries a subsequence end.
func (s *Session) pushUnchecked(p *plan, f frame, unchecked tiered) {
	for t := range unchecked {
		u := unchecked[t].slots
		if p.collectPos {
			unchecked[t].pos = make([]uint32, len(u))
			for i := range u {
				unchecked[t].pos[i] = posUnknownPair
			}
		}
	}
	f.cands = f.cands.merged(unchecked)
	s.push(f)
}

// repeated answers a query with the same terms as frame b (a trailing
// space typed): b's ranking stands, merged with the slots added since,
// which are the only ones scanned. Callers hold s.ix.mu for reading.
func (s *Session) repeated(ctx context.Context, p *plan, b *frame, filter string, end uint32) (outcome, bool) {
	o := p.run(ctx, splitSpans(nil, nil, b.end, end))
	if !o.done || !p.settle(ctx, &o) {
		return o, false
	}
	// New slots come after all of b's, so appending keeps the lists
	// ascending. The frame's lists are shared, never written: clip them.
	o.hits = p.merge(b.hits, o.hits)
	for t := range o.cands {
		bc, oc := &b.cands[t], &o.cands[t]
		oc.slots = append(slices.Clip(bc.slots), oc.slots...)
		if bc.pos != nil {
			oc.pos = append(slices.Clip(bc.pos), oc.pos...)
		}
	}
	// The copy of b's lists covers the start of the new ones.
	s.push(frame{q: p.q, filter: filter, epoch: b.epoch, end: end,
		cands: o.cands, hits: o.hits, limit: p.limit, reboosts: b.reboosts, hot: b.hot, cells: b.cells})
	return o, true
}

// good bounds from above the number of f's candidates of quality
// SecondaryWordPrefix or better, or is MaxInt when its hits are all of
// them: every such match ranks above the worst hit, so unless the list is
// full of them, the hits hold them all.
func (f *frame) good() int {
	n := 0
	for _, h := range f.hits {
		if h.quality >= SecondaryWordPrefix {
			n++
		}
	}
	if n == f.limit {
		return math.MaxInt
	}
	return n
}

// mayBeFinal reports whether a posting pass for q could be final, as far as
// the remembered frames tell. A final posting pass needs limit matches of
// quality SecondaryWordPrefix or better (coverage is never lower). Such
// matches of q are such matches of the query it extends, since its terms
// then start at the same word starts (or its phrase at the same label word
// start), or they are in slots added since. So once "mari" had fewer than a
// page of word-start matches, "maria" cannot have a page either, and its
// posting pass (a few milliseconds of random reads on a million items) would
// only delay the scan that decides. Callers hold s.ix.mu for reading.
func (s *Session) mayBeFinal(q *query, opt Options) bool {
	b := s.base(q, filterKey(opt))
	if b == nil {
		return true
	}
	good := b.good()
	return good == math.MaxInt || good+len(s.ix.masks)-int(b.end) >= limitOf(opt)
}

// work is the number of slots a narrowed search of q may rank: the open
// and loose candidates and the slots added since (weak ones come last and
// rarely need ranking, see narrowed). Callers hold s.ix.mu for reading.
func (s *Session) work(q *query, opt Options) int {
	return s.workFrom(s.base(q, filterKey(opt)), q, limitOf(opt))
}

// workFrom is work, given the frame base returned for q (or nil).
func (s *Session) workFrom(b *frame, q *query, limit int) int {
	n := len(s.ix.masks)
	switch {
	case b == nil:
		return n
	case b.repeats(q, limit, s.ix):
		return n - int(b.end)
	}
	return len(b.cands[open].slots) + len(b.cands[loose].slots) + n - int(b.end)
}

// Search ranks the items matching query, narrowing from earlier queries of
// the session. It runs on the caller's goroutine; at a million items and a
// query that cannot be narrowed it takes a full scan (tens of
// milliseconds), which is what SearchAsync is for.
func (s *Session) Search(query string, opt Options) []Match {
	q := parseQuery(query)
	s.ix.mu.RLock()
	defer s.ix.mu.RUnlock()
	o, _ := s.narrowed(context.Background(), q, opt, nil)
	return s.ix.matches(q, o.hits)
}

// SearchAsync starts a search on another goroutine and returns its sequence
// number at once. It cancels the session's previous search: a search
// superseded by a newer SearchAsync call delivers nothing further. deliver
// is called on the search's goroutine, never while the index is locked (so
// it may call Add, or block in tea.Program.Send), and calls for one session
// are never concurrent and come in Seq order.
//
// On a small index (below postingsMinItems) a search delivers one final
// Result. On a large one it first ranks the items on the query's
// word-prefix posting list when that is less work than the (narrowed)
// scan: for 1-2 character queries the best of the list's first part comes
// at once (Partial), then the whole list. That answer is final when it is
// provably the full ranking (see postings.go), which is the common case;
// otherwise the scan completes the ranking and delivers it. Either way the
// scan runs to the end (unless superseded) to remember candidates for the
// next keystroke.
//
// The check for staleness and the call to deliver are not atomic with
// respect to a concurrent SearchAsync, so a consumer should still drop a
// Result whose Seq is older than its last request, as the TUI does for
// every asynchronous answer.
func (s *Session) SearchAsync(query string, opt Options, deliver func(Result)) uint64 {
	seq := s.seq.Add(1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	prev := s.done
	s.cancel, s.done = cancel, done
	s.mu.Unlock()

	go func() {
		defer close(done)
		defer cancel()
		// Wait for the cancelled predecessor to stop (it checks between
		// chunks, so within a fraction of a millisecond): two scans would
		// share two cores, and deliveries stay in order.
		if prev != nil {
			<-prev
		}
		if ctx.Err() != nil {
			return
		}
		s.runAsync(ctx, seq, query, opt, deliver)
	}()
	return seq
}

func (s *Session) runAsync(ctx context.Context, seq uint64, query string, opt Options, deliver func(Result)) {
	send := func(ms []Match, partial bool) bool {
		if ctx.Err() != nil || s.seq.Load() != seq {
			return false
		}
		deliver(Result{Query: query, Seq: seq, Matches: ms, Partial: partial})
		return true
	}
	q := parseQuery(query)
	ix := s.ix

	ix.mu.RLock()
	final, sent := false, false
	// On a large index, answer from the postings first when they are less
	// work than the narrowed scan: typing "acm" after "ac" leaves most of a
	// million items as candidates (".com" alone supplies a, c and m), but
	// few items have a word starting with "acm". Less, not much less: a
	// posting pass collects nothing, so an item costs it less than it costs
	// a session's scan ("yaho" after "yah": 43,500 items on the list, 53,000
	// candidates to rank).
	var list []uint32
	var cover Quality
	if !q.empty() && ix.live >= postingsMinItems {
		list, cover = ix.postingList(q)
	}
	// The size of the narrowed scan decides both shortcuts below. Judged
	// once: both are only choices of what to show first, and the index
	// changing in between makes the second a little less apt, never wrong.
	work := s.work(q, opt)
	if list != nil && len(list) < work {
		// A 1-2 character term's list (label word starts) can run to a
		// fifth of the index: show the best of its first part at once,
		// then rank all of it, which is usually the final answer. The
		// whole list is skipped when it provably cannot be final.
		var bounds []int
		if cover > SecondaryWordPrefix && len(list) > firstPassMax {
			bounds = append(bounds, firstPassMax)
		}
		if s.mayBeFinal(q, opt) {
			bounds = append(bounds, 0)
		}
		for _, bound := range bounds {
			o, fin := ix.postingPass(ctx, q, opt, list, cover, bound)
			if !o.done {
				ix.mu.RUnlock()
				return
			}
			var ms []Match
			if len(o.hits) > 0 {
				ms = ix.matches(q, o.hits)
			}
			ix.mu.RUnlock()
			// An empty first answer is not worth a frame: wait for more.
			if len(ms) > 0 {
				if !send(ms, !fin) {
					return
				}
				sent = true
			}
			final = fin
			ix.mu.RLock()
			// While unlocked the index may have compacted, which renumbers
			// slots and rewrites posting lists in place: read it again.
			list, cover = ix.postingList(q)
		}
	}
	// A short query whose word starts gave nothing to show ("5": no label
	// word starts with a digit) is first ranked over the start of the
	// index, so the palette shows matches at once rather than after a scan
	// of everything (not when there is far less to do than that).
	if !sent && short(q) && ix.live >= postingsMinItems && work > 2*firstScanMax {
		o := ix.newPlan(q, opt, false).run(ctx, splitSpans(nil, nil, 0, uint32(firstScanMax)))
		if !o.done {
			ix.mu.RUnlock()
			return
		}
		if len(o.hits) > 0 {
			ms := ix.matches(q, o.hits)
			ix.mu.RUnlock()
			if !send(ms, true) {
				return
			}
			ix.mu.RLock()
		}
	}
	// The ranking, once final, is delivered before the deferred slots and
	// the tiers it did not need are checked (they only need remembering).
	var early func([]hit) bool
	if !final {
		early = func(hits []hit) bool {
			ms := ix.matches(q, hits)
			ix.mu.RUnlock()
			ok := send(ms, false)
			ix.mu.RLock()
			final = true
			return ok
		}
	}
	o, ok := s.narrowed(ctx, q, opt, early)
	if !ok {
		ix.mu.RUnlock()
		return
	}
	var ms []Match
	if !final {
		ms = ix.matches(q, o.hits)
	}
	ix.mu.RUnlock()
	if !final && !send(ms, false) {
		return
	}
	s.warm(ctx, q)
}

// short reports whether a query has fewer than three characters, not
// counting spaces: the queries that may answer in two steps.
func short(q *query) bool { return q.runes() < 3 }

// Wait blocks until the latest asynchronous search has finished (delivered
// its final result, or stopped because it was superseded or closed).
func (s *Session) Wait() {
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done != nil {
		<-done
	}
}

// Close cancels any search in flight, waits for it to stop and forgets the
// remembered candidates.
func (s *Session) Close() {
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	s.Wait()
	s.mu.Lock()
	s.stack = nil
	s.mu.Unlock()
}
