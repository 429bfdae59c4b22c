package search

import (
	"context"
	"slices"
	"testing"
)

// largeSession sets the thresholds so that a 15,000-item index is searched
// as a million-item one would be (postings, deferring, hot copies, cells).
func largeSession(t *testing.T) {
	t.Helper()
	n, m, h, c := postingsMinItems, deferMinWork, hotMinCands, cellMinCands
	t.Cleanup(func() { postingsMinItems, deferMinWork, hotMinCands, cellMinCands = n, m, h, c })
	postingsMinItems, deferMinWork, hotMinCands, cellMinCands = 0, 0, 0, 0
}

// typeAsync types q into s and waits for it to settle, hot copy included.
func typeAsync(t *testing.T, s *Session, q string) []Match {
	t.Helper()
	var last Result
	s.SearchAsync(q, Options{}, func(r Result) { last = r })
	s.Wait()
	if last.Partial || last.Query != q {
		t.Fatalf("%q: no final answer", q)
	}
	return last.Matches
}

// top is the session's newest frame.
func (s *Session) top() *frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

// TestHotCopyFollowsTyping checks that a settled async search leaves its
// frame a copy of its candidates' hot data, slot for slot what the index
// holds, that only the newest frame keeps one, and that searches narrowed
// from it answer as a full search does.
func TestHotCopyFollowsTyping(t *testing.T) {
	largeSession(t)
	ix := newIndex(genItems(15000, 31)...)
	s := ix.NewSession()
	defer s.Close()
	typeAsync(t, s, "c")
	if f := s.top(); f == nil || f.hot != nil {
		t.Fatal("a one-letter query's frame got a hot copy")
	}
	// ".com" puts c and o in most items: a list that dense is not copied.
	typeAsync(t, s, "co")
	if f := s.top(); f.hot != nil {
		t.Fatalf("a frame of %d open and loose candidates in %d slots got a hot copy",
			len(f.cands[open].slots)+len(f.cands[loose].slots), len(ix.masks))
	}
	typeAsync(t, s, "c")
	for _, q := range []string{"ch", "chr", "chri", "chris t"} {
		got := typeAsync(t, s, q)
		if d := diffMatches(got, ix.Search(context.Background(), q, Options{})); d != "" {
			t.Fatalf("%q: differs from a full search: %s", q, d)
		}
		f := s.top()
		if f.hot == nil {
			t.Fatalf("%q: no hot copy", q)
		}
		for tr := range f.hot.tiers {
			slots := f.cands[tr].slots
			if len(f.hot.tiers[tr]) != len(slots) {
				t.Fatalf("%q: tier %d: %d copied for %d candidates", q, tr, len(f.hot.tiers[tr]), len(slots))
			}
			for i, sl := range slots {
				want := slotHot{ix.masks[sl], ix.aux[sl], ix.meta[sl], ix.bnds[sl]}
				if f.hot.tiers[tr][i] != want {
					t.Fatalf("%q: tier %d: copy of slot %d differs from the index", q, tr, sl)
				}
			}
		}
		s.mu.Lock()
		for _, below := range s.stack[:len(s.stack)-1] {
			if below.hot != nil {
				t.Errorf("%q: frame %q below the newest keeps its hot copy", q, below.q.terms[0].raw)
			}
		}
		s.mu.Unlock()
	}
}

// TestStaleHotCopyIsNotUsed changes the index after a hot copy was made:
// the next keystroke's best match is removed, another item's boost is
// raised in place, and a third is edited. The copy still says the removed
// item is alive and the boosted one is not boosted, so using it would
// answer wrongly.
func TestStaleHotCopyIsNotUsed(t *testing.T) {
	largeSession(t)
	ix := newIndex(genItems(15000, 37)...)
	full := func(q string, limit int) []Match {
		return ix.Search(context.Background(), q, Options{Limit: limit})
	}
	for _, change := range []string{"remove", "boost", "edit"} {
		t.Run(change, func(t *testing.T) {
			s := ix.NewSession()
			defer s.Close()
			typeAsync(t, s, "sa")
			if s.top().hot == nil {
				t.Fatal("no hot copy to go stale")
			}
			best := full("sam", 60) // letters scattered: ranked by the narrowed scan
			switch change {
			case "remove":
				ix.Remove(best[0].Item.Key)
			case "boost":
				// An item tied on quality and score with the one above
				// it: boosted, it moves above.
				i := 1
				for i < len(best) && (best[i].Quality != best[i-1].Quality || best[i].Score != best[i-1].Score) {
					i++
				}
				if i == len(best) {
					t.Fatal("no tie to break")
				}
				it := best[i].Item
				it.Boost += 1000
				ix.Add(it)
			case "edit":
				it := best[0].Item
				it.Label = "Zed " + it.Label
				ix.Add(it)
			}
			got := typeAsync(t, s, "sam")
			if d := diffMatches(got, full("sam", 0)); d != "" {
				t.Fatalf("after %s: differs from a full search: %s", change, d)
			}
			if change == "remove" && slices.ContainsFunc(got, func(m Match) bool { return m.Item.Key == best[0].Item.Key }) {
				t.Fatal("a removed item was found")
			}
		})
	}
}
