package search

import (
	"context"
	"slices"
	"testing"
)

func newIndex(items ...Item) *Index {
	ix := New()
	ix.Add(items...)
	return ix
}

func search(ix *Index, q string) []Match {
	return ix.Search(context.Background(), q, Options{})
}

// wantOrder checks that the keys appear in this relative order in ms.
func wantOrder(t *testing.T, ms []Match, keys ...string) {
	t.Helper()
	got := keysOf(ms)
	last := -1
	for _, k := range keys {
		i := slices.Index(got, k)
		if i < 0 {
			t.Fatalf("%s missing from %v", k, got)
		}
		if i < last {
			t.Fatalf("order %v, want %v in that order", got, keys)
		}
		last = i
	}
}

func TestExactBeatsFuzzy(t *testing.T) {
	ix := newIndex(
		Item{Key: "a", Label: "Annabel Nolan"},
		Item{Key: "b", Label: "ANN"},
		Item{Key: "c", Label: "Anne"},
	)
	ms := search(ix, "ann")
	if ms[0].Item.Key != "b" || ms[0].Quality != Exact {
		t.Fatalf("first = %s, want the exact (case-insensitive) label match", fmtMatch(ms[0]))
	}
}

func TestPrefixBeatsSubstringBeatsSubsequence(t *testing.T) {
	ix := newIndex(
		Item{Key: "subseq", Label: "Diane Anders"},   // d…a…n scattered
		Item{Key: "substr", Label: "Jordan Peele"},   // "dan" inside a word
		Item{Key: "word", Label: "Mary Danvers"},     // a word starts with "dan"
		Item{Key: "prefix", Label: "Danielle Steel"}, // the label starts with "dan"
	)
	ms := search(ix, "dan")
	wantOrder(t, ms, "prefix", "word", "substr", "subseq")
	for i, q := range []Quality{LabelPrefix, LabelWordPrefix, LabelSubstring, LabelSubsequence} {
		if ms[i].Quality != q {
			t.Errorf("#%d %s: quality %s, want %s", i, ms[i].Item.Key, ms[i].Quality, q)
		}
	}
}

func TestLabelBeatsSecondary(t *testing.T) {
	ix := newIndex(
		Item{Key: "person", Label: "Jane Doe", Secondary: "jane@acme.com · Acme Corp"},
		Item{Key: "company", Label: "Acme Corp", Secondary: "acme.com"},
		Item{Key: "deal", Label: "Big Deal", Secondary: "xacmex"},
		Item{Key: "inlabel", Label: "Xacmex"},
	)
	ms := search(ix, "acme")
	// Same kind of match (a word start), label first.
	wantOrder(t, ms, "company", "person")
	// Same kind of match (inside a word), label first.
	wantOrder(t, ms, "inlabel", "deal")
	if ms[0].Quality != LabelPrefix || ms[1].Quality != SecondaryWordPrefix {
		t.Fatalf("qualities %s, %s", ms[0].Quality, ms[1].Quality)
	}
	if len(ms[1].LabelIdx) != 0 || len(ms[1].SecondaryIdx) != 4 {
		t.Fatalf("a secondary match highlights the secondary text: %s", fmtMatch(ms[1]))
	}
}

// A word start in the secondary text (an email domain, a company) outranks
// a scattered subsequence in the label: "acme" finds the people at Acme
// before "Amy Chase-Merle". This is the one place where a secondary match
// beats a label match, and it is deliberate.
func TestSecondaryWordBeatsScatteredLabel(t *testing.T) {
	ix := newIndex(
		Item{Key: "scattered", Label: "Amy Chase-Merle"},
		Item{Key: "employee", Label: "Bob Stone", Secondary: "bob@acme.com"},
	)
	wantOrder(t, search(ix, "acme"), "employee", "scattered")
}

func TestTieBreaks(t *testing.T) {
	ix := newIndex(
		Item{Key: "k2", Label: "Jane Doe"},
		Item{Key: "k1", Label: "Jane Doe"},
		Item{Key: "k0", Label: "Jane Doe", Boost: 3}, // recently opened
		// Equal fuzzy scores (the match is in the same secondary text):
		// the shorter label wins.
		Item{Key: "long", Label: "Zed Longer-Name", Secondary: "qqq"},
		Item{Key: "short", Label: "Zed Short", Secondary: "qqq"},
	)
	wantOrder(t, search(ix, "jane"), "k0", "k1", "k2")
	ms := search(ix, "qqq")
	if ms[0].Score != ms[1].Score {
		t.Fatalf("scores differ: %d %d", ms[0].Score, ms[1].Score)
	}
	wantOrder(t, ms, "short", "long")
}

func TestMultiWord(t *testing.T) {
	ix := newIndex(
		Item{Key: "jd", Label: "Jane Doe", Secondary: "jane.doe@acme.com"},
		Item{Key: "ja", Label: "Jane Anderson", Secondary: "jane@globex.com"},
		Item{Key: "mj", Label: "Mary Jane Dole"},
		Item{Key: "dj", Label: "Doe Janet"},
	)
	ms := search(ix, "jane d")
	if ms[0].Item.Key != "jd" || ms[0].Quality != LabelPrefix {
		t.Fatalf("first = %s, want Jane Doe as a label prefix (phrase)", fmtMatch(ms[0]))
	}
	wantOrder(t, ms, "jd", "mj", "ja")
	if !slices.Equal(ms[0].LabelIdx, []int{0, 1, 2, 3, 5}) {
		t.Fatalf("highlights %v", ms[0].LabelIdx)
	}
	// Words match in any order, and in either text.
	if got := keysOf(search(ix, "doe jane")); !slices.Contains(got, "jd") || !slices.Contains(got, "dj") {
		t.Fatalf("doe jane = %v", got)
	}
	ms = search(ix, "jane globex")
	if len(ms) != 1 || ms[0].Item.Key != "ja" || len(ms[0].LabelIdx) != 4 || len(ms[0].SecondaryIdx) != 6 {
		t.Fatalf("jane globex = %v", ms)
	}
	// Every word must match somewhere.
	if ms := search(ix, "jane zzz"); len(ms) != 0 {
		t.Fatalf("jane zzz = %v", keysOf(ms))
	}
	// Extra whitespace is ignored.
	if got, want := keysOf(search(ix, "  jane   d ")), keysOf(search(ix, "jane d")); !slices.Equal(got, want) {
		t.Fatalf("whitespace changes results: %v vs %v", got, want)
	}
}

func TestFilters(t *testing.T) {
	ix := newIndex(
		Item{Key: "people:1", Object: "people", Label: "New York Times"},
		Item{Key: "companies:1", Object: "companies", Label: "New Co"},
		Item{Key: "action:new:people", Kind: Action, Object: "people", Label: "New person"},
		Item{Key: "goto:people", Kind: GoTo, Label: "Go to People"},
	)
	ms := ix.Search(context.Background(), "new", Options{Kinds: []Kind{Action}})
	if got := keysOf(ms); !slices.Equal(got, []string{"action:new:people"}) {
		t.Fatalf("Kinds filter: %v", got)
	}
	ms = ix.Search(context.Background(), "new", Options{Objects: []string{"people"}})
	if got := keysOf(ms); len(got) != 2 || slices.Contains(got, "companies:1") {
		t.Fatalf("Objects filter: %v", got)
	}
	ms = ix.Search(context.Background(), "new", Options{Objects: []string{"nope"}})
	if len(ms) != 0 {
		t.Fatalf("unknown object: %v", keysOf(ms))
	}
	ms = ix.Search(context.Background(), "", Options{Kinds: []Kind{GoTo, Action}, Limit: 1})
	if len(ms) != 1 {
		t.Fatalf("limit: %v", keysOf(ms))
	}
}

func TestEmptyQueryRanksByBoost(t *testing.T) {
	ix := newIndex(Item{Key: "a", Label: "Alpha"}, Item{Key: "b", Label: "Beta", Boost: 5}, Item{Key: "c", Label: "Gamma", Boost: 9})
	if got := keysOf(search(ix, " ")); !slices.Equal(got, []string{"c", "b", "a"}) {
		t.Fatalf("empty query: %v", got)
	}
}

func TestUnicode(t *testing.T) {
	ix := newIndex(
		Item{Key: "zoe", Label: "Zoë Müller", Secondary: "zoe@example.de"},
		Item{Key: "wang", Label: "王芳", Secondary: "wang.fang@example.cn"},
		Item{Key: "kelvin", Label: "\u212Aelvin Scale"},
		Item{Key: "jose", Label: "José Núñez"},
	)
	ms := search(ix, "MÜL")
	if len(ms) != 1 || !slices.Equal(ms[0].LabelIdx, []int{4, 5, 6}) || ms[0].Quality != LabelWordPrefix {
		t.Fatalf("MÜL: %v", ms)
	}
	ms = search(ix, "芳")
	if len(ms) != 1 || !slices.Equal(ms[0].LabelIdx, []int{1}) {
		t.Fatalf("芳: %v", ms)
	}
	if ms := search(ix, "kel"); len(ms) != 1 || ms[0].Item.Key != "kelvin" || ms[0].Quality != LabelPrefix {
		t.Fatalf("kel: %v", ms)
	}
	if ms := search(ix, "nunez"); len(ms) != 0 {
		t.Fatalf("accents are distinct letters (as in fuzzy): %v", ms)
	}
	ms = search(ix, "jn")
	if len(ms) != 1 || !slices.Equal(ms[0].LabelIdx, []int{0, 5}) {
		t.Fatalf("jn: %v", ms)
	}
}

// TestEngineMatchesReference compares the engine with the naive reference
// on generated data, for both the scan and the postings paths.
func TestEngineMatchesReference(t *testing.T) {
	items := genItems(6000, 3)
	ix := newIndex(items...)
	all := map[string]Item{}
	for _, it := range items {
		all[it.Key] = it
	}
	queries := []string{"j", "ja", "jan", "jane", "jane d", "acme", "acme c", "gm", "gmail.", "doe@ac",
		"555", "josé", "王", "zh", "mitche", "co", "e", "x", "zz", "smith j", "ngu", "hooli labs", "-", "new"}
	opts := []Options{{}, {Limit: 5}, {Objects: []string{"companies"}}, {Kinds: []Kind{GoTo, Action}}}
	check := func(name string) {
		for i, q := range queries {
			for j, opt := range opts {
				if j > 1 && i%3 != 0 {
					continue
				}
				got := ix.Search(context.Background(), q, opt)
				if d := diffMatches(got, refSearch(all, q, opt)); d != "" {
					t.Fatalf("%s: Search(%q, %+v): %s", name, q, opt, d)
				}
			}
		}
	}
	check("scan")
	defer func(n int) { postingsMinItems = n }(postingsMinItems)
	postingsMinItems = 0
	check("postings")

	// The postings answer alone, when it claims to be final, is the
	// reference answer.
	finals := 0
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, q := range queries {
		for _, opt := range opts[:2] {
			pq := parseQuery(q)
			list, cover := ix.postingList(pq)
			o, final := ix.postingPass(context.Background(), pq, opt, list, cover, 0)
			if !final {
				continue
			}
			finals++
			if d := diffMatches(ix.matches(parseQuery(q), o.hits), refSearch(all, q, opt)); d != "" {
				t.Fatalf("postings claimed final for %q %+v: %s", q, opt, d)
			}
		}
	}
	if finals < 5 {
		t.Fatalf("only %d postings answers were final; the test does not exercise them", finals)
	}
}
