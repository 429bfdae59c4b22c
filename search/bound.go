package search

import "math"

// Score bounds.
//
// When a query's best matches are scattered ones ("mari" finds no word
// starting with it, so its top fifty are names like "Mark Rivera" that
// hold m, a, r and i in order), every item whose label holds the term
// ranks on its fuzzy score, and scoring a hundred thousand of them is most
// of a keystroke at a million items. Most of them cannot reach the list:
// "James Garcia" earns almost no bonuses for "mari". scoreBound proves that
// from two facts stored per item, so the scan skips scoring it:
//
//   - the number of positions where fuzzy's separator or camel bonus (20
//     each, never both at once) can be earned (bonusSlots);
//   - the pairs of adjacent characters in the text (pairMask): fuzzy's
//     adjacency bonus for the i-th pattern character needs that character
//     right after the previous match, so the pair (pat[i-1], pat[i]) occurs
//     in the text. Adjacency bonuses grow (5, 15, 45, ...: each is twice
//     the sum of the earlier ones plus 5), so k of them add at most
//     5(3^k-1)/2.
//
// With the first-character bonus (10, at byte 0 only), the unmatched-byte
// penalty (score.go) and a leading penalty that is never positive, a term
// of m bytes on a text of n bytes scores at most
//
//	10 + 20*min(m, slots) + 5(3^k-1)/2 + m - n.
//
// The bound holds for scoreFolded's path (an ASCII term on text whose folded
// bytes align with the original); other terms are never skipped.

// pairBit hashes a pair of adjacent folded bytes to one of 32 bits (a
// label has a dozen pairs, so a third of the bits are set).
func pairBit(a, b byte) uint32 {
	return 1 << ((uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> 27)
}

// pairMask is the set of adjacent byte pairs of folded text.
func pairMask(f []byte) uint32 {
	var m uint32
	for i := 1; i < len(f); i++ {
		m |= pairBit(f[i-1], f[i])
	}
	return m
}

// bonusSlots counts the bytes of folded text that follow one of fuzzy's
// separators, plus camels (lower→upper transitions of the original), capped
// at 255.
func bonusSlots(f []byte, camels int) uint8 {
	n := camels
	for i := 1; i < len(f); i++ {
		if isFuzzySeparator(rune(f[i-1])) {
			n++
		}
	}
	return uint8(min(n, math.MaxUint8))
}

// adjacencyMax is the most k adjacency bonuses can add, saturating at
// MaxInt32 (past a dozen adjacent characters the bound stops mattering).
func adjacencyMax(k int) int {
	acc := 0
	for range k {
		acc = min(3*acc+bonusAdjacent, math.MaxInt32)
	}
	return acc
}

// termBound bounds the fuzzy score of the folded ASCII term t on a text of
// n bytes with the given bonus slots and pair mask.
func termBound(t []byte, n int, slots uint8, pairs uint32) int {
	m := len(t)
	k := 0
	for i := 1; i < m; i++ {
		if pairs&pairBit(t[i-1], t[i]) != 0 {
			k++
		}
	}
	return bonusFirstChar + bonusAfterSep*min(m, int(slots)) + adjacencyMax(k) + m - n
}

// scoreBound bounds the score worker.score would give slot s, or returns
// MaxInt when some term is not scored on scoreFolded's path or is scored
// on the secondary text. A secondary text has so many separators and
// character pairs that its bound hardly ever prunes (measured on CRM-like
// data), so it is not worth computing.
func (w *worker) scoreBound(s uint32, label []byte, inLabel uint64) int {
	ix, q := w.p.ix, w.p.q
	if inLabel != 1<<len(q.terms)-1 {
		return math.MaxInt
	}
	m := &ix.meta[s]
	if m.flag&flagOddLabel != 0 {
		return math.MaxInt
	}
	total := 0
	for i := range q.terms {
		t := &q.terms[i]
		if !t.ascii {
			return math.MaxInt
		}
		total += termBound(t.fold, len(label), m.lbon, m.lpair)
	}
	return total
}
