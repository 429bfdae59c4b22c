package search

import (
	"context"
	"testing"
)

// TestDigitPairsBoundQuality: a phone number holding 2 and 0 but never
// side by side cannot hold "20" contiguously, and the metadata says so; one
// that has them side by side may (then its other term, "+1", which starts
// no word, bounds it).
func TestDigitPairsBoundQuality(t *testing.T) {
	ix := newIndex(
		Item{Key: "a", Label: "Ann Lee", Secondary: "ann@x.org · +1 296 251 9560"},
		Item{Key: "b", Label: "Bob Lee", Secondary: "bob@x.org · +1 296 205 9560"})
	q := parseQuery("+1 20")
	for s, want := range []Quality{SecondarySubsequence, SecondarySubstring} {
		a, m := &ix.aux[s], &ix.meta[s]
		if ub, _ := q.boundAt(a, m.lpair, &m.lhead, nil, &ix.digs[s], false, false, SecondarySubstring); ub != want {
			t.Errorf("%q on %q: quality bound %v, want %v", q.raw, ix.secondary(uint32(s)), ub, want)
		}
	}
	want := digitPairs{1<<23 | 1<<45 | 1<<50 | 1<<6, 1 << (99 - 64)}
	if d := digitPairsOf([]byte("a1b23 4506 99")); d != want {
		t.Errorf("digitPairsOf(%q) = %x, want %x (23, 45, 50, 06, 99)", "a1b23 4506 99", d, want)
	}
}

// TestDigitPairsFollowCompaction removes most items, which renumbers the
// slots, and searches phone fragments against the brute-force reference:
// digit pairs left at their old slot numbers would belong to other items,
// and rule out numbers that hold the fragment.
func TestDigitPairsFollowCompaction(t *testing.T) {
	items := genItems(6000, 41)
	ix := newIndex(items...)
	removeCompacting(t, ix, items[:4000])
	live := map[string]Item{}
	for _, it := range items[4000:] {
		live[it.Key] = it
	}
	for _, q := range []string{"+1 20", "555 0", "2024", "+1 9", "45"} {
		if d := diffMatches(ix.Search(context.Background(), q, Options{}), refSearch(live, q, Options{})); d != "" {
			t.Fatalf("%q after compaction: %s", q, d)
		}
	}
}
