package search

import (
	"context"
	"slices"
	"testing"
)

// TestCellBoundsHold checks a cell's bounds against the quality and score
// the scan computes from the text, for every matching member of every
// cell of boundsCorpus, and that the cells list each candidate once, in
// the cell its lengths put it in.
func TestCellBoundsHold(t *testing.T) {
	defer func(n int) { cellMinCands = n }(cellMinCands)
	cellMinCands = 0
	ix, queries := boundsCorpus()
	// Every slot a candidate, the even ones open and the odd ones loose.
	var cands tiered
	for s := range ix.meta {
		cands[s%2].slots = append(cands[s%2].slots, uint32(s))
	}
	ci := ix.makeCells(context.Background(), &cands)
	if ci == nil {
		t.Fatal("no cells")
	}
	cellAt := map[uint32]uint16{} // slot → cell
	for tr := range ci.members {
		seen := make([]bool, len(cands[tr].slots))
		for id := range numCells {
			st := ci.start[tr]
			if int(st[id+1]-st[id]) != int(ci.sums[tr][id].n) {
				t.Fatalf("tier %d cell %d: %d members listed, %d summed", tr, id, st[id+1]-st[id], ci.sums[tr][id].n)
			}
			for _, i := range ci.members[tr][st[id]:st[id+1]] {
				s := cands[tr].slots[i]
				if seen[i] || cellOf(&ix.meta[s]) != uint16(id) {
					t.Fatalf("tier %d: slot %d listed twice or in cell %d, not %d", tr, s, id, cellOf(&ix.meta[s]))
				}
				seen[i] = true
				cellAt[s] = uint16(id)
			}
		}
		if slices.Contains(seen, false) {
			t.Fatalf("tier %d: a candidate is in no cell", tr)
		}
	}
	checked := 0
	for _, qs := range queries {
		q := parseQuery(qs)
		if q.empty() {
			continue
		}
		eachMatch(t, ix, q, func(s uint32, label, sec []byte, qual Quality, _ uint64, score int) {
			c := &ci.sums[s%2][cellAt[s]]
			if q.mask&^c.mask != 0 {
				t.Fatalf("%q on %q | %q: a match in a cell said to lack its characters", qs, label, sec)
			}
			ub, bound := c.bound(q, Exact, qual)
			if ub < qual {
				t.Fatalf("%q on %q | %q: cell quality bound %v below its quality %v", qs, label, sec, ub, qual)
			}
			if bound < score {
				t.Fatalf("%q on %q | %q: cell score bound %d below its score %d", qs, label, sec, bound, score)
			}
			if m := &ix.meta[s]; c.boost < m.boost || c.olen > m.olen {
				t.Fatalf("%q on %q | %q: cell boost %d / label length %d do not bound %d / %d", qs, label, sec, c.boost, c.olen, m.boost, m.olen)
			}
			checked++
		})
	}
	if checked < 10_000 {
		t.Fatalf("checked %d matches: too few to mean anything", checked)
	}
}

// TestRankingByCellsEqualsFullRead narrows queries with and without the
// frame's cells and checks that the ranking by cells defers whole cells
// (the point of it), ranks the same hits, and, once settled, remembers the
// same candidates with the same subsequence ends, and that what a search
// cut short would remember unchecked is every deferred slot.
func TestRankingByCellsEqualsFullRead(t *testing.T) {
	defer func(n int) { cellMinCands = n }(cellMinCands)
	cellMinCands = 0
	ix := newIndex(genItems(20000, 29)...)
	deferredCells := 0
	seqs := [][]string{{"+1", "+1 ", "+1 2"}, {"20", "202"}, {"so", "son"}, {"ma", "mar", "mari"}, {"sm", "smith", "smith j"}}
	narrowBothWays(t, ix, seqs, func(p *plan, spans []span, b *frame, cells bool) outcome {
		if !cells {
			return p.run(context.Background(), spans)
		}
		o := p.runCells(context.Background(), spans, ix.makeCells(context.Background(), &b.cands), open)
		if o.later != nil {
			deferredCells++
			u := o.unchecked()
			if !slices.IsSorted(u) || len(u) != len(o.deferred.slots)+len(o.later.slots()) {
				t.Fatalf("%q: %d unchecked slots, not the %d deferred and %d in deferred cells, ascending",
					p.q.raw, len(u), len(o.deferred.slots), len(o.later.slots()))
			}
		}
		return o
	})
	if deferredCells == 0 {
		t.Fatal("no ranking deferred a cell: the test does not exercise cells")
	}
}

// TestCellsFollowTyping checks that a settled async search leaves its
// frame cells when it has enough candidates, that only the newest frame
// keeps them, and that searches narrowed by them answer as a full search.
func TestCellsFollowTyping(t *testing.T) {
	largeSession(t)
	ix := newIndex(genItems(15000, 31)...)
	for _, phrase := range []string{"+1 20", "2024", "son"} {
		s := ix.NewSession()
		withCells := 0
		for _, q := range keystrokes([]string{phrase})[0] {
			got := typeAsync(t, s, q)
			if d := diffMatches(got, ix.Search(context.Background(), q, Options{})); d != "" {
				t.Fatalf("%q: differs from a full search: %s", q, d)
			}
			if f := s.top(); f != nil && f.cells != nil {
				withCells++
			}
			s.mu.Lock()
			for _, below := range s.stack[:max(len(s.stack)-1, 0)] {
				if below.cells != nil {
					t.Errorf("%q: frame %q below the newest keeps its cells", q, below.q.raw)
				}
			}
			s.mu.Unlock()
		}
		if withCells == 0 {
			t.Fatalf("%q: no frame got cells", phrase)
		}
		s.Close()
	}
}

// TestWarmMakesWhatIsMissing leaves the newest frame a hot copy but no
// cells, as a warm cut short between the two does (a repeated query's
// frame then carries the copy alone), and checks that the next warm makes
// the cells and keeps the copy.
func TestWarmMakesWhatIsMissing(t *testing.T) {
	largeSession(t)
	ix := newIndex(genItems(15000, 31)...)
	s := ix.NewSession()
	defer s.Close()
	typeAsync(t, s, "so")
	typeAsync(t, s, "son")
	f := s.top()
	if f.hot == nil || f.cells == nil {
		t.Fatal("the frame got no hot copy or no cells to start from")
	}
	hot := f.hot
	s.mu.Lock()
	f.cells = nil
	s.mu.Unlock()
	s.warm(context.Background(), f.q)
	if f.cells == nil || f.hot != hot {
		t.Fatalf("after warm: cells made %v, hot copy kept %v", f.cells != nil, f.hot == hot)
	}
}
