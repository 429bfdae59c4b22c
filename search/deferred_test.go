package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
)

// boundsCorpus is generated data with odd items (camels, NULs, separators
// inside words) and queries of every shape (word starts, word middles,
// phones, several words, separators inside a term), for testing bounds.
func boundsCorpus() (*Index, []string) {
	items := genItems(4000, 23)
	items = append(items,
		Item{Key: "x:1", Label: "Initech Holdings", Secondary: "cho@x.org"},
		Item{Key: "x:2", Label: "McDonald VanDyke", Secondary: "mc.d@a-b.com"},
		Item{Key: "x:3", Label: "son", Secondary: "+1 202 555 0100"},
		Item{Key: "x:4", Label: "Sonja\x00 Anderson", Secondary: "ton@a.org\x00 +1 202"},
		Item{Key: "x:5", Label: "Zoë Ångström", Secondary: "MixedCase Secondary 2024"})
	var queries []string
	for _, seq := range keystrokes(append(slices.Clone(widePhrases), typedPhrases...)) {
		queries = append(queries, seq...)
	}
	queries = append(queries, "cho", "mcd", "van d", "a-b", "c.d", "mc.d", "son 555", "2020", "o n", "+1 2", "mixedc", "zoë")
	return newIndex(items...), queries
}

// eachMatch calls f for every slot that matches q, with the quality, the
// terms scored on the label and the score the scan computes from its text.
func eachMatch(t *testing.T, ix *Index, q *query, f func(s uint32, label, sec []byte, qual Quality, inLabel uint64, score int)) {
	t.Helper()
	w := worker{p: &plan{ix: ix, q: q}, scratch: make([]int, 0, q.maxLen)}
	for s := range uint32(len(ix.meta)) {
		label, sec := ix.fields(s)
		var lsub uint64
		match := true
		for i, tm := range q.terms {
			switch {
			case isSubsequence(tm.fold, label):
				lsub |= 1 << i
			case !isSubsequence(tm.fold, sec):
				match = false
			}
		}
		if !match {
			continue
		}
		qual, inLabel, _, _ := q.quality(label, sec, lsub, 0)
		w.cur = ix.ref(s)
		score, ok := w.score(s, label, sec, inLabel)
		if !ok {
			t.Fatalf("%q on %q | %q: matches but scores nothing", q.raw, label, sec)
		}
		f(s, label, sec, qual, inLabel, score)
	}
}

// TestMetadataBoundsHold checks boundAt and metaBound, which let a scan
// skip an item without reading its text, against the quality and score the
// scan computes from the text, for every matching item of boundsCorpus.
func TestMetadataBoundsHold(t *testing.T) {
	ix, queries := boundsCorpus()
	checked, labelOnly := 0, 0
	for _, qs := range queries {
		q := parseQuery(qs)
		if q.empty() {
			continue
		}
		lead := ix.post.list(q.terms[0].fold)
		eachMatch(t, ix, q, func(s uint32, label, sec []byte, qual Quality, inLabel uint64, score int) {
			a, m, bd := &ix.aux[s], &ix.meta[s], &ix.bnds[s]
			_, onLead := slices.BinarySearch(lead, s)
			ub, lo := q.boundAt(a, m.lpair, &m.lhead, nil, &ix.digs[s], true, onLead, qual)
			if ub < qual {
				t.Fatalf("%q on %q | %q: quality bound %v below its quality %v", qs, label, sec, ub, qual)
			}
			if lo&inLabel != lo {
				t.Fatalf("%q on %q | %q: a term scored on the secondary text was called label-only", qs, label, sec)
			}
			if lo != 0 {
				labelOnly++
			}
			if b := ix.metaBound(q, m, bd, a, lo); b < score {
				t.Fatalf("%q on %q | %q: score bound %d below its score %d", qs, label, sec, b, score)
			}
			checked++
		})
	}
	if checked < 10_000 || labelOnly == 0 {
		t.Fatalf("checked %d matches, %d with label-only terms: too few to mean anything", checked, labelOnly)
	}
}

// TestDeferredScanEqualsFullRead narrows queries with and without
// deferring and checks that the deferring scan leaves items unread (the
// point of it), ranks the same hits, and, once the deferred items are
// settled, remembers the same candidates with the same subsequence ends.
func TestDeferredScanEqualsFullRead(t *testing.T) {
	ix := newIndex(genItems(20000, 29)...)
	deferredAny := false
	seqs := [][]string{{"so", "son"}, {"to", "ton"}, {"20", "202"}, {"co", "cor", "corp"}, {"ma", "mar", "mari"}, {"sm", "smith", "smith j"}}
	narrowBothWays(t, ix, seqs, func(p *plan, spans []span, _ *frame, second bool) outcome {
		p.deferring = second
		o := p.run(context.Background(), spans)
		if second && len(o.deferred.slots) > 0 {
			deferredAny = true
		}
		return o
	})
	if !deferredAny {
		t.Fatal("no scan deferred anything: the test does not exercise deferring")
	}
}

// narrowBothWays types each sequence but its last query into a session and
// narrows the last from it twice, with run given a plan resuming from the
// frame, the spans of its open candidates and the slots added since, and
// whether it is the second way; it checks that both, settled, come out the
// same (sameOutcome).
func narrowBothWays(t *testing.T, ix *Index, seqs [][]string, run func(p *plan, spans []span, b *frame, second bool) outcome) {
	t.Helper()
	for _, seq := range seqs {
		s := ix.NewSession()
		for _, qs := range seq[:len(seq)-1] {
			s.Search(qs, Options{})
		}
		q := parseQuery(seq[len(seq)-1])
		ix.mu.RLock()
		b := s.base(q, filterKey(Options{}))
		var outs []outcome
		for _, second := range []bool{false, true} {
			p := ix.newPlan(q, Options{}, true)
			last := len(b.q.terms) - 1
			p.resume, p.resumeLen = last, len(b.q.terms[last].fold)
			spans := splitSpans(b.cands[open].slots, b.cands[open].pos, b.end, uint32(len(ix.masks)))
			outs = append(outs, mustSettle(t, p, run(p, spans, b, second)))
		}
		ix.mu.RUnlock()
		sameOutcome(t, fmt.Sprintf("%q after %q", q.raw, b.q.raw), ix, q, outs[1], outs[0])
		s.Close()
	}
}

// mustSettle settles o's deferred slots (see plan.settle).
func mustSettle(t *testing.T, p *plan, o outcome) outcome {
	t.Helper()
	if !p.settle(context.Background(), &o) {
		t.Fatal("settle stopped without a cancelled context")
	}
	return o
}

// sameOutcome fails the test unless got ranks the same hits as want and,
// settled, remembers the same candidates with the same subsequence ends.
// Callers must not hold ix.mu.
func sameOutcome(t *testing.T, name string, ix *Index, q *query, got, want outcome) {
	t.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if d := diffMatches(ix.matches(q, got.hits), ix.matches(q, want.hits)); d != "" {
		t.Fatalf("%s: hits differ: %s", name, d)
	}
	for tr := range got.cands {
		g, w := got.cands[tr], want.cands[tr]
		if !slices.Equal(g.slots, w.slots) || !slices.Equal(g.pos, w.pos) {
			t.Fatalf("%s: candidates of tier %d differ: %d, want %d", name, tr, len(g.slots), len(w.slots))
		}
	}
}

// TestTierCapsHold types queries into sessions over generated data, both
// synchronously and asynchronously (where deferring, early answers and
// the later passes over the other tiers are in play), and checks every
// remembered frame's tiers against their definitions (tiers.go): a loose
// candidate has a term that occurs nowhere contiguously, and a weak one a
// term that is neither a subsequence of the label nor contiguous in the
// secondary text. A candidate wrongly called loose or weak would be ranked
// below its due, or not at all, by the next keystroke.
func TestTierCapsHold(t *testing.T) {
	defer func(n int) { deferMinWork = n }(deferMinWork)
	deferMinWork = 0
	ix := newIndex(genItems(20000, 31)...)
	seqs := [][]string{{"t", "to", "ton"}, {"m", "ma", "mar", "mari", "maria"}, {"s", "sa", "sam"},
		{"j", "ja", "jan", "jane", "jane ", "jane d"}, {"a", "an", "ana"}, {"c", "ch", "chr", "chri"}}
	nloose, nweak := 0, 0
	for _, async := range []bool{false, true} {
		for _, seq := range seqs {
			s := ix.NewSession()
			for _, qs := range seq {
				if async {
					s.SearchAsync(qs, Options{}, func(Result) {})
					s.Wait()
				} else {
					s.Search(qs, Options{})
				}
			}
			s.mu.Lock()
			for _, f := range s.stack {
				for _, sl := range f.cands[loose].slots {
					label, sec := ix.fields(sl)
					if !slices.ContainsFunc(f.q.terms, func(tm term) bool {
						return !bytes.Contains(label, tm.fold) && !bytes.Contains(sec, tm.fold)
					}) {
						t.Fatalf("%q: %q | %q remembered as loose", f.q.raw, label, sec)
					}
					nloose++
				}
				for _, sl := range f.cands[weak].slots {
					label, sec := ix.fields(sl)
					if !slices.ContainsFunc(f.q.terms, func(tm term) bool {
						return !isSubsequence(tm.fold, label) && !bytes.Contains(sec, tm.fold)
					}) {
						t.Fatalf("%q: %q | %q remembered as weak", f.q.raw, label, sec)
					}
					nweak++
				}
			}
			s.mu.Unlock()
			s.Close()
		}
	}
	if nloose == 0 || nweak == 0 {
		t.Fatalf("%d loose and %d weak candidates checked: the test exercises nothing", nloose, nweak)
	}
}
