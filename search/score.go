package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Scoring.
//
// The palette shows sahilm/fuzzy's scores and matched characters, so that is
// the reference for every score here. Calling fuzzy per item costs an
// allocation or two, a []rune conversion of the pattern and a rune decode
// per byte; over 100,000 items that is most of a frame. scoreText therefore
// re-states fuzzy v0.1.3's rules for the common case, an ASCII query term
// (on any text), without allocating and with a byte-at-a-time fast path for
// ASCII text. TestScoreTextMatchesFuzzy checks it against fuzzy.Find on
// generated and edge-case strings, so an upgrade of fuzzy that changes its
// rules fails the tests instead of silently drifting. Terms with non-ASCII
// characters (rare, and narrow: "josé") are scored by fuzzy itself.
//
// The rules, as fuzzy applies them per pattern character: +10 when matched
// at byte 0; +20 after a separator (one of "/-_ .\"); +20 for an upper-case
// letter after a lower-case one; an adjacency bonus that grows with every
// adjacent match (2*acc+5, accumulated over the whole string); a leading
// penalty of -5 per unmatched leading byte, capped at -15; and finally -1 per
// unmatched byte. Among the candidate positions for a pattern character,
// fuzzy keeps the best-scoring one seen before the next pattern character
// comes up, and commits it when the following character equals the next
// pattern character (or at the end of the text). Positions and lengths in
// these rules are in bytes, as in fuzzy; the returned indexes are runes.

const (
	bonusFirstChar    = 10
	bonusAfterSep     = 20
	bonusCamel        = 20
	bonusAdjacent     = 5
	penaltyLeading    = -5
	penaltyLeadingCap = -15
)

func isFuzzySeparator(c rune) bool {
	switch c {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}

// decodeFold decodes the rune at s[i:] and its canonical fold.
func decodeFold(s string, i int) (r, f rune, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		f = rune(c)
		if 'A' <= c && c <= 'Z' {
			f += 'a' - 'A'
		}
		return rune(c), f, 1
	}
	r, size = utf8.DecodeRuneInString(s[i:])
	return r, foldRune(r), size
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// scoreText scores the folded ASCII pattern pat against the original text s
// (which must not contain NUL: fuzzy stops at the first one, and so must the
// caller). Matched rune indexes are appended to idx[:0]. ok is false when
// pat is not a subsequence of s.
func scoreText(pat []byte, s string, idx []int) (score int, out []int, ok bool) {
	idx = idx[:0]
	if len(pat) == 0 || len(s) == 0 {
		return 0, idx, false
	}
	pi := 0
	best := -1
	atByte, atRune := -1, -1 // best position so far for pat[pi]
	acc := 0                 // accumulated adjacency bonus; fuzzy never resets it
	lastCommit := -1         // byte position of the last committed match
	var last rune            // previous character
	lastPos := 0             // byte position of the previous character
	c, cf, size := decodeFold(s, 0)
	for j, r := 0, 0; j < len(s); r++ {
		if cf == rune(pat[pi]) {
			sc := 0
			if j == 0 {
				sc += bonusFirstChar
			}
			if isLower(last) && isUpper(c) {
				sc += bonusCamel
			}
			if j != 0 && isFuzzySeparator(last) {
				sc += bonusAfterSep
			}
			if len(idx) > 0 && lastCommit == lastPos {
				b := acc*2 + bonusAdjacent
				sc += b
				acc += b
			}
			if sc > best {
				best, atByte, atRune = sc, j, r
			}
		}
		nj := j + size
		var nc, ncf rune
		var nsize int
		if nj < len(s) {
			nc, ncf, nsize = decodeFold(s, nj)
		}
		var np rune
		if pi < len(pat)-1 {
			np = rune(pat[pi+1])
		}
		// Commit when the next pattern character comes up next, or at the
		// end. The best position is deliberately not reset after a commit,
		// as in fuzzy: the next character always matches and overwrites it.
		if (nj >= len(s) || np == ncf) && atByte > -1 {
			if len(idx) == 0 {
				best += max(atByte*penaltyLeading, penaltyLeadingCap)
			}
			score += best
			idx = append(idx, atRune)
			lastCommit = atByte
			best = -1
			pi++
			if pi == len(pat) {
				// Only reachable at the end of s: a commit before the end
				// needs a next pattern character.
				break
			}
		}
		last, lastPos = c, j
		j, c, cf, size = nj, nc, ncf, nsize
	}
	score += len(idx) - len(s)
	return score, idx, len(idx) == len(pat)
}

// scoreFolded is scoreText for the scan's hot loop: it runs on the index's
// folded bytes, which lets it skip from occurrence to occurrence with
// IndexByte and never decode a rune. That gives fuzzy's result only when
// the folded text is aligned with the original (every rune folds to a rune
// of the same byte length, true of all but a handful of exotic letters such
// as the Kelvin sign): then bytes of multi-byte runes can never equal an
// ASCII pattern byte, separators and positions are the same in both, and
// the byte length penalties agree. The camel bonus needs the original
// case: camelFrom is the offset of the text's first lower→upper transition
// (len(f) or more if it has none), and origOf returns the original text,
// called at most once, only if a pattern byte occurs at or after
// camelFrom. It returns only the score: the scan needs no indexes.
func scoreFolded(pat, f []byte, camelFrom int, origOf func() string) (score int, ok bool) {
	if len(pat) == 0 || len(f) == 0 {
		return 0, false
	}
	n := len(f)
	var orig string
	bonus := func(j int) int {
		if j == 0 {
			return bonusFirstChar
		}
		s := 0
		// Only a letter can be a capital in the original (folding is
		// aligned here), so a digit never fetches it: that is a cache
		// miss per item for "202" among "Initech GmbH" deals.
		camel := j >= camelFrom && 'a' <= f[j] && f[j] <= 'z'
		if camel && orig == "" {
			orig = origOf()
		}
		if camel && 'A' <= orig[j] && orig[j] <= 'Z' {
			if l := orig[j-1]; l < utf8.RuneSelf {
				if 'a' <= l && l <= 'z' {
					s += bonusCamel
				}
			} else if r, _ := utf8.DecodeLastRuneInString(orig[:j]); unicode.IsLower(r) {
				s += bonusCamel
			}
		}
		if isFuzzySeparator(rune(f[j-1])) {
			s += bonusAfterSep
		}
		return s
	}
	if len(pat) == 1 {
		// One character: no adjacency, and the only commit is at the end,
		// of the first best-scoring occurrence.
		best, at := -1, -1
		for j := bytes.IndexByte(f, pat[0]); j >= 0; {
			if b := bonus(j); b > best {
				best, at = b, j
			}
			k := bytes.IndexByte(f[j+1:], pat[0])
			if k < 0 {
				break
			}
			j += 1 + k
		}
		if at < 0 {
			return 0, false
		}
		return best + max(at*penaltyLeading, penaltyLeadingCap) + 1 - n, true
	}
	pi, matched := 0, 0
	best, at := -1, -1
	acc := 0
	lastCommit := -1
	for j := 0; j < n; j++ {
		// Only two kinds of position change anything: an occurrence of
		// pat[pi] (a candidate) and, once there is a candidate, the byte
		// before an occurrence of the next pattern character or the last
		// byte (a commit). Skip to the nearest with IndexByte.
		next := bytes.IndexByte(f[j:], pat[pi])
		if at < 0 {
			if next < 0 {
				break
			}
			j += next
		} else {
			k := n - 1 - j
			if next >= 0 {
				k = next
			}
			if pi < len(pat)-1 && k > 0 {
				if c := bytes.IndexByte(f[j+1:j+1+k], pat[pi+1]); c >= 0 {
					k = c
				}
			}
			j += k
		}
		if f[j] == pat[pi] {
			b := bonus(j)
			if matched > 0 && lastCommit == j-1 {
				a := acc*2 + bonusAdjacent
				b += a
				acc += a
			}
			if b > best {
				best, at = b, j
			}
		}
		var np, nc byte
		if pi < len(pat)-1 {
			np = pat[pi+1]
		}
		if j+1 < n {
			nc = f[j+1]
		}
		if (j+1 == n || np == nc) && at > -1 {
			if matched == 0 {
				best += max(at*penaltyLeading, penaltyLeadingCap)
			}
			score += best
			matched++
			lastCommit = at
			best = -1
			pi++
			if pi == len(pat) {
				break
			}
		}
	}
	return score + matched - n, matched == len(pat)
}

// scoreFuzzy scores with the fuzzy package itself. It returns rune indexes.
func scoreFuzzy(pattern, s string) (score int, idx []int, ok bool) {
	ms := fuzzy.FindFromIterNoSort(pattern, func(yield func(string) bool) { yield(s) })
	if len(ms) == 0 {
		return 0, nil, false
	}
	return ms[0].Score, byteToRuneIndexes(s, ms[0].MatchedIndexes), true
}

// byteToRuneIndexes converts ascending byte offsets in s to rune indexes, in
// place. fuzzy reports byte offsets; the TUI highlights runes.
func byteToRuneIndexes(s string, idx []int) []int {
	k, r := 0, 0
	for b := 0; b < len(s) && k < len(idx); r++ {
		for k < len(idx) && idx[k] == b {
			idx[k] = r
			k++
		}
		if s[b] < utf8.RuneSelf {
			b++
		} else {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
		}
	}
	return idx
}
