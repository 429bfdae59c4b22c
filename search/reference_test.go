package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// refSearch is a deliberately naive restatement of the ranking rules: it
// scores every item with fuzzy.Find and sorts everything. The engine, with
// its masks, prefilters, heaps, narrowing, postings and parallel scans, must
// return exactly the same list.
func refSearch(items map[string]Item, query string, opt Options) []Match {
	limit := cmp.Or(opt.Limit, DefaultLimit)
	words := strings.FieldsFunc(query, unicode.IsSpace)
	fold := func(s string) string { f, _ := appendFold(nil, s); return string(f) }
	wordStart := func(f string, i int) bool {
		isWord := func(c byte) bool { return c >= utf8.RuneSelf || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) }
		return i == 0 || !isWord(f[i-1]) && isWord(f[i])
	}
	// where classifies the best contiguous occurrence of t in f:
	// 4 whole, 3 at start, 2 at a word start, 1 inside, 0 none.
	where := func(f, t string) int {
		best := 0
		for i := 0; i+len(t) <= len(f); i++ {
			if f[i:i+len(t)] != t {
				continue
			}
			switch {
			case i == 0 && len(f) == len(t):
				return 4
			case i == 0:
				best = max(best, 3)
			case wordStart(f, i):
				best = max(best, 2)
			default:
				best = max(best, 1)
			}
		}
		return best
	}
	var out []Match
	for _, it := range items {
		if len(opt.Kinds) > 0 && !slices.Contains(opt.Kinds, it.Kind) {
			continue
		}
		if len(opt.Objects) > 0 && !slices.Contains(opt.Objects, it.Object) {
			continue
		}
		m := Match{Item: it}
		if len(words) == 0 {
			out = append(out, m)
			continue
		}
		fl, fs := fold(it.Label), fold(it.Secondary)
		qual := Exact
		ok := true
		for _, w := range words {
			fw := fold(w)
			ls, lidx, lok := fuzzyOne(w, it.Label)
			ss, sidx, sok := fuzzyOne(w, it.Secondary)
			if !lok && !sok {
				ok = false
				break
			}
			var q Quality
			inLabel := true
			lw, sw := where(fl, fw), where(fs, fw)
			switch {
			case lw == 4:
				q = Exact
			case lw == 3:
				q = LabelPrefix
			case lw == 2:
				q = LabelWordPrefix
			case sw >= 2:
				q, inLabel = SecondaryWordPrefix, false
			case lw == 1:
				q = LabelSubstring
			case sw == 1:
				q, inLabel = SecondarySubstring, false
			case lok:
				q = LabelSubsequence
			default:
				q, inLabel = SecondarySubsequence, false
			}
			qual = min(qual, q)
			if inLabel {
				m.Score += ls
				m.LabelIdx = append(m.LabelIdx, byteToRuneIndexes(it.Label, lidx)...)
			} else {
				m.Score += ss
				m.SecondaryIdx = append(m.SecondaryIdx, byteToRuneIndexes(it.Secondary, sidx)...)
			}
		}
		if !ok {
			continue
		}
		if len(words) > 1 {
			var fw []string
			for _, w := range words {
				fw = append(fw, fold(w))
			}
			switch where(fl, strings.Join(fw, " ")) {
			case 4:
				qual = Exact
			case 3:
				qual = max(qual, LabelPrefix)
			case 2:
				qual = max(qual, LabelWordPrefix)
			}
		}
		m.Quality = qual
		m.LabelIdx = sortedUnique(m.LabelIdx)
		m.SecondaryIdx = sortedUnique(m.SecondaryIdx)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(
			cmp.Compare(b.Quality, a.Quality),
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(b.Item.Boost, a.Item.Boost),
			cmp.Compare(len(a.Item.Label), len(b.Item.Label)),
			strings.Compare(a.Item.Key, b.Item.Key),
		)
	})
	return out[:min(len(out), limit)]
}

// diffMatches describes the first difference between two result lists.
func diffMatches(got, want []Match) string {
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) {
			return fmt.Sprintf("len %d, want %d (first extra at %d)", len(got), len(want), i)
		}
		g, w := got[i], want[i]
		if g.Item != w.Item || g.Quality != w.Quality || g.Score != w.Score ||
			!slices.Equal(g.LabelIdx, w.LabelIdx) || !slices.Equal(g.SecondaryIdx, w.SecondaryIdx) {
			return fmt.Sprintf("#%d: got %s, want %s", i, fmtMatch(g), fmtMatch(w))
		}
	}
	return ""
}

func fmtMatch(m Match) string {
	return fmt.Sprintf("{%s %q|%q %s score=%d boost=%d L%v S%v}", m.Item.Key, m.Item.Label, m.Item.Secondary,
		m.Quality, m.Score, m.Item.Boost, m.LabelIdx, m.SecondaryIdx)
}

func keysOf(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Item.Key)
	}
	return out
}
