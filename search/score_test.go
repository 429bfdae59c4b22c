package search

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sahilm/fuzzy"
)

// fuzzyOne scores one string with fuzzy.Find, the reference.
func fuzzyOne(pattern, s string) (int, []int, bool) {
	ms := fuzzy.Find(pattern, []string{s})
	if len(ms) == 0 {
		return 0, nil, false
	}
	return ms[0].Score, ms[0].MatchedIndexes, true
}

// checkText compares scoreText with fuzzy on one pair.
func checkText(t *testing.T, pattern, s string) {
	t.Helper()
	pf, _ := appendFold(nil, pattern)
	f, info := appendFold(nil, s)
	got, idx, ok := scoreText(pf, s, nil)
	want, widx, wok := fuzzyOne(pattern, s)
	widx = byteToRuneIndexes(s, widx)
	if ok != wok || ok && (got != want || !slices.Equal(idx, widx)) {
		t.Fatalf("scoreText(%q, %q) = %d %v %v; fuzzy says %d %v %v", pattern, s, got, idx, ok, want, widx, wok)
	}
	if info.aligned {
		from := len(f)
		if info.camel {
			from = info.camelAt
		}
		if got, ok := scoreFolded(pf, f, from, func() string { return s }); ok != wok || ok && got != want {
			t.Fatalf("scoreFolded(%q, %q) = %d %v; fuzzy says %d %v", pattern, s, got, ok, want, wok)
		}
		// The scan skips scoring items whose bound is below the list's
		// worst score, so the bound must never be below the score.
		if _, pinfo := appendFold(nil, pattern); wok && pinfo.ascii {
			// With and without the pairs, which the secondary text
			// does not keep.
			both := info.camel || bytes.ContainsAny(pf[:len(pf)-1], `/-_ .\`)
			bch, multi := bonusChars(f, info.camelChars)
			for _, pairs := range []uint32{pairMask(f), math.MaxUint32} {
				if b := textBound(pf, len(f), headAt(head(f), pf[0]), bch, multi, int(bonusSlots(f, info.camels)), pairs, both); b < want {
					t.Fatalf("textBound(%q, %q, pairs %x) = %d, below fuzzy's score %d", pattern, s, pairs, b, want)
				}
			}
		}
	}
	// fuzzy matches exactly the case-insensitive subsequences; the
	// prefilter relies on it.
	if sub := isSubsequence(pf, f); sub != wok {
		t.Fatalf("isSubsequence(%q, %q) = %v, fuzzy matched = %v", pattern, s, sub, wok)
	}
}

func TestScoreTextMatchesFuzzy(t *testing.T) {
	edge := [][2]string{
		{"a", "a"}, {"a", ""}, {"ab", "ba"}, {"aa", "aa"}, {"aa", "a"}, {"ab", "abab"},
		{"abc", "abxbc"}, {"abc", "acbc"}, {"aab", "abab"}, {"tk", "The Black Knight"},
		{"fb", "FooBar"}, {"fb", "foo_bar"}, {"fb", "foo-bar"}, {"fb", "foo/bar"}, {"fb", `foo\bar`},
		{"mcd", "McDonald"}, {"jd", "Jane Doe"}, {"jane", "Jane Doe"}, {"e", "eeeeee"},
		{"ee", "eXeXeXe"}, {"xyz", "abc"}, {"j", "xxxxxxxxj"}, {"ja", "jjjjaaaa"},
		{"doe@", "jane.doe@acme.com"}, {"555", "+1 555 555 5555"}, {"A", "aAaA"}, {"aB", "AbAb"},
		// Non-ASCII text with an ASCII pattern: byte positions drive the
		// penalties, rune positions are returned; K (Kelvin) folds to k.
		{"mul", "Zoë Müller"}, {"ller", "Zoë Müller"}, {"zm", "Zoë Müller"}, {"k", "\u212Aelvin"},
		{"ke", "\u212Aelvin"}, {"s", "ſtar"}, {"jn", "José Núñez"}, {"ac", "jane@acme.com · Acme Corp"},
		{"aC", "éaÉCé"}, {"ab", "\xffab"}, {"wf", "王芳 wang.fang"}, {"b", "éB"}, {"ab", "aéB"},
		{"c", "ÀbC"}, {"bc", "ébC"}, {"a", "·a"}, {"ab", "a·b"}, {"x", "a.x"}, {"ax", "a.·x"},
		// Adjacency bonuses counted at positions fuzzy then passes over.
		{"cho", "Initech Holdings"}, {"202", "Vandelay Co – Support 2020"}, {"aab", "a ab"},
		// A bonus character at one bonus position or at several.
		{"202", "Deal 2020 2024"}, {"202", "x2 02"}, {"a-a", "a-a"}, {"aa", "b a a"}, {"aba", "x a b a"},
		{"aaaaaa", "a a a a a a"}, {"abcdea", "x a b c d e a"}, {"2a2", "x 2 a 2"}, {"jdj", "Jane Doe-Jones"},
	}
	for _, e := range edge {
		checkText(t, e[0], e[1])
	}
	// Generated labels and secondary texts against patterns cut from them
	// (substrings, scattered subsequences) and random ones.
	r := rand.New(rand.NewPCG(1, 2))
	items := genItems(3000, 7)
	letters := "abcdefghijklmnopqrstuvwxyz .@-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for _, it := range items {
		for _, s := range []string{it.Label, it.Secondary} {
			if s == "" {
				continue
			}
			for range 4 {
				var p []byte
				switch r.IntN(3) {
				case 0:
					a := asciiOnly(s)
					if a == "" {
						continue
					}
					i := r.IntN(len(a))
					p = []byte(a[i:min(len(a), i+1+r.IntN(6))])
				case 1:
					for i := 0; i < len(s) && len(p) < 6; i++ {
						if r.IntN(4) == 0 && s[i] < 128 {
							p = append(p, s[i])
						}
					}
				default:
					for range 1 + r.IntN(4) {
						p = append(p, letters[r.IntN(len(letters))])
					}
				}
				if len(p) > 0 {
					checkText(t, string(p), s)
				}
			}
		}
	}
}

func TestScoreFuzzyRuneIndexes(t *testing.T) {
	score, idx, ok := scoreFuzzy("mül", "Zoë Müller")
	if !ok || !slices.Equal(idx, []int{4, 5, 6}) {
		t.Fatalf("scoreFuzzy = %d %v %v, want rune indexes [4 5 6]", score, idx, ok)
	}
	_, idx, _ = scoreFuzzy("芳", "王芳")
	if !slices.Equal(idx, []int{1}) {
		t.Fatalf("CJK rune index = %v, want [1]", idx)
	}
}

func TestFoldRune(t *testing.T) {
	for _, c := range [][2]rune{{'A', 'a'}, {'z', 'z'}, {'\u212A', 'k'}, {'É', foldRune('é')}, {'Σ', foldRune('ς')}, {'ſ', 's'}} {
		if got := foldRune(c[0]); got != c[1] {
			t.Errorf("foldRune(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestPrefilterNeverRejectsFuzzyMatch: for non-ASCII text, the byte
// prefilters (mask and subsequence on folded bytes) must accept whatever
// fuzzy accepts.
func TestPrefilterNeverRejectsFuzzyMatch(t *testing.T) {
	texts := []string{"Zoë Müller", "José Núñez", "ÅNGSTRÖM", "王芳", "山田太郎", "Søren Kierkegaard",
		"Straße", "ΣΊΣΥΦΟΣ", "\u212Aelvin", "naïve café", "Ødegård", "ſtar"}
	pats := []string{"zoë", "ZOË", "mü", "MÜL", "jn", "núñ", "ångs", "ström", "芳", "山太", "søren", "ss",
		"straß", "σίσ", "σ", "kel", "kelvin", "cafe", "café", "øde", "star", "a", "é"}
	for _, s := range texts {
		f, _ := appendFold(nil, s)
		for _, p := range pats {
			pf, _ := appendFold(nil, p)
			_, _, ok := fuzzyOne(p, s)
			if ok && maskOf(pf)&^maskOf(f) != 0 {
				t.Errorf("mask rejects %q in %q, which fuzzy matches", p, s)
			}
			if sub := isSubsequence(pf, f); sub != ok {
				t.Errorf("isSubsequence(%q, %q) = %v; fuzzy matched = %v", p, s, sub, ok)
			}
		}
	}
}

func TestSubsequenceIsRuneExact(t *testing.T) {
	// "é" is C3 A9 and "ã" is C3 A3: a byte-level check would find "é"'s
	// bytes scattered across "ãé"-free text such as "ã©".
	for _, c := range []struct {
		t, f string
		want bool
	}{{"é", "ãxé", true}, {"é", "ã\u00a9", false}, {"ée", "éxe", true}, {"eé", "ée", false}, {"芳", "王芳", true}} {
		tf, _ := appendFold(nil, c.t)
		ff, _ := appendFold(nil, c.f)
		if got := isSubsequence(tf, ff); got != c.want {
			t.Errorf("isSubsequence(%q, %q) = %v, want %v", c.t, c.f, got, c.want)
		}
	}
}
