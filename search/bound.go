package search

import "math"

// Score bounds.
//
// When a query's best matches are scattered ones ("mari" finds no word
// starting with it, so its top fifty are names like "Mary Rivera" that
// hold m, a, r and i in order), every item whose label holds the term
// ranks on its fuzzy score, and scoring a hundred thousand of them is most
// of a keystroke at a million items. Most of them cannot reach the list:
// "James Garcia" earns almost no bonuses for "mari". textBound proves that
// from a few facts stored per item, so the scan skips scoring it:
//
//   - the text's length (every unmatched byte costs 1);
//   - its first three bytes: the first pattern character's leading
//     penalty (-5 per byte before it, down to -15) and first-character
//     bonus (10, at byte 0) depend on where it is;
//   - its bonus characters (bonusChars): those that follow one of fuzzy's
//     separators or are camels, the only places a pattern character earns
//     20, and how many such positions there are (bonusSlots);
//   - its pairs of adjacent characters (pairMask): fuzzy's adjacency bonus
//     for the i-th pattern character needs the pair (pat[i-1], pat[i]) in
//     the text. Adjacency bonuses grow (5, 15, 45, ...: each is twice the
//     sum of the earlier ones plus 5).
//
// The bound holds for scoreFolded's path (an ASCII term on text whose folded
// bytes align with the original); other terms are never skipped.
// TestScoreTextMatchesFuzzy checks it against fuzzy's own scores.
//
// Bounds from metadata alone.
//
// A narrowed search at a million items spends most of its time reading
// candidates' text: "son" after "so" has 175,000 candidates, and the best
// fifty are short names with "son" inside. Once the top-k list is full,
// metaBound and boundAt (quality.go) prove most candidates cannot reach it
// without reading their text, so a session defers them (deferred.go) and
// reads their text only after the answer is out, to remember them as
// candidates.

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

// scoreBound bounds the score worker.score would give slot s, once its
// quality is known to come from the label for every term (inLabel), or
// returns MaxInt when it does not (a secondary text's pairs are not kept:
// it has so many that they would hardly ever prune).
func (w *worker) scoreBound(s uint32, a *auxMasks, inLabel uint64) int {
	ix, q := w.p.ix, w.p.q
	if inLabel != 1<<len(q.terms)-1 {
		return math.MaxInt
	}
	return ix.metaBound(q, w.cur.meta, w.cur.bnds, a, inLabel)
}

// labelBound is textBound for t on the label of m, n bytes long. Only a
// term that can use them reads the label's bonus characters at one
// position (bd.lmulti): they are apart from m, and ranking a slot whose
// terms are all in its label has no other reason to touch bd.
func (t *term) labelBound(m *slotMeta, bd *slotBounds, n int) int {
	multi := uint32(math.MaxUint32)
	if t.rebonus {
		multi = bd.lmulti
	}
	return textBound(t.fold, n, headAt(m.lhead, t.fold[0]), m.lbch, multi, int(m.lbon), m.lpair, t.innerSep || m.flag&flagCamelLabel != 0)
}

// headAt is the set of the first three positions of a text whose first
// bytes are h where c is: bit j for byte j. A zero byte of h only pads.
func headAt(h [3]byte, c byte) uint8 {
	var at uint8
	if h[0] == c {
		at = 1
	}
	if h[1] == c {
		at |= 2
	}
	if h[2] == c {
		at |= 4
	}
	return at
}

// bonusBit maps a folded byte to one of 32 bits: letters get their own,
// everything else shares six (sharing only loosens bounds).
func bonusBit(c byte) uint32 {
	if 'a' <= c && c <= 'z' {
		return 1 << (c - 'a')
	}
	return 1 << (26 + c%6)
}

// bonusChars is the set of characters of folded text at positions past
// byte 0 where fuzzy awards its separator bonus, plus camels, the folded
// ASCII letters the original upper-cases after a lower-case one (see
// foldInfo.camelChars; folding hides them). Only an ASCII pattern
// character is bounded, and scoreFolded awards it a camel bonus only on
// an ASCII capital, so non-ASCII camels need no bit. multi is the subset
// found at more than one such position (camels count as many: where they
// are is not kept): a bit outside it can earn one pattern character its
// bonus, not two ("202" in "Renewal 2024": one word starts with 2).
func bonusChars(f []byte, camels uint32) (bch, multi uint32) {
	bch, multi = camels, camels
	for i := 1; i < len(f); i++ {
		if isFuzzySeparator(rune(f[i-1])) {
			b := bonusBit(f[i])
			multi |= bch & b
			bch |= b
		}
	}
	return bch, multi
}

// head is the first three bytes of folded text, zero-padded. A zero can
// only make a bound looser (a term with a NUL byte matches nothing).
func head(f []byte) (h [3]byte) {
	copy(h[:], f)
	return h
}

// textBound bounds the fuzzy score of the folded ASCII term t (on
// scoreFolded's path) on a text of n bytes whose first three bytes may
// be t[0] where at says (bit j for byte j, see headAt), bonus
// characters bch (multi: those at more than one bonus position, see
// bonusChars), at most slots bonus positions past byte 0, and character
// pairs pairs (all ones when unknown). both says a pattern character may
// earn a separator or camel bonus and an adjacency bonus at once: when the
// text has camels, or the term has a separator before its last byte.
//
// The first pattern character scores its position's bonus plus the
// leading penalty: 10 at byte 0; at byte j of 1 or 2 at most 20 (if it is
// a bonus character) minus 5j; further on at most 20 minus 15. Every later
// one scores at most 20 if it is a bonus character, plus or (see
// restBound) instead of an adjacency bonus. A bonus character outside
// multi is earned by one pattern character at most: if the first takes
// it, the later ones sharing its bit do not, so the bound is the better
// of the first character with and without it.
func textBound(t []byte, n int, at uint8, bch, multi uint32, slots int, pairs uint32, both bool) int {
	bit0 := bonusBit(t[0])
	b0, taken := 0, uint32(0)
	if bch&bit0 != 0 {
		b0 = bonusAfterSep
		taken = bit0 &^ multi
	}
	best := firstBound(b0, at) + restBound(t, bch, multi, taken, slots, pairs, both)
	if taken != 0 {
		best = max(best, firstBound(0, at)+restBound(t, bch, multi, 0, slots, pairs, both))
	}
	return best + len(t) - n
}

// firstBound bounds the first pattern character's score: its bonus b0 if
// it is a bonus character (0 if not, or if it leaves the bonus to a later
// one), plus the leading penalty, or 10 at byte 0 (see textBound).
func firstBound(b0 int, at uint8) int {
	first := b0 + penaltyLeadingCap
	if at&1 != 0 {
		first = max(first, bonusFirstChar)
	}
	if at&2 != 0 {
		first = max(first, b0+penaltyLeading)
	}
	if at&4 != 0 {
		first = max(first, b0+2*penaltyLeading)
	}
	return first
}

// restBound bounds what the pattern characters after the first score (see
// textBound), none of them earning the bonus of a bit in taken.
//
// Adjacency bonuses grow with every one fuzzy computes, even for a
// position it then passes over ("cho" in "initech holdings" scores the h
// after the space 20 and the o, next to it, 15): the c-th character whose
// pair occurs may earn the c-th bonus, 5*3^(c-1). Unless both, a character
// earns that or the separator bonus, never both: matched right after the
// previous pattern character, it follows that character, not a separator.
// Of the characters sharing a bonus bit outside multi, only one earns it:
// the one it gains most.
func restBound(t []byte, bch, multi, taken uint32, slots int, pairs uint32, both bool) int {
	var onceBit [4]uint32 // bits outside multi claimed so far
	var onceGain [4]int   // and the best gain of their claimants
	nOnce := 0
	cnt, acc, alt := 0, 0, 0 // acc: the sum of the adjacency bonuses so far
	for i := 1; i < len(t); i++ {
		adj := 0
		if pairs&pairBit(t[i-1], t[i]) != 0 {
			adj = min(2*acc+bonusAdjacent, math.MaxInt32)
			acc = min(acc+adj, math.MaxInt32)
		}
		alt += adj
		b := bonusBit(t[i])
		if bch&b == 0 || taken&b != 0 {
			continue
		}
		gain := max(bonusAfterSep-adj, 0)
		k := 0
		if multi&b == 0 {
			for k < nOnce && onceBit[k] != b {
				k++
			}
			if k < nOnce {
				onceGain[k] = max(onceGain[k], gain)
				continue
			}
			if nOnce < len(onceBit) {
				onceBit[k], onceGain[k] = b, gain
				nOnce++
				cnt++
				continue
			}
			// Too many to keep apart: count it as found at many.
		}
		cnt++
		alt += gain
	}
	for _, g := range onceGain[:nOnce] {
		alt += g
	}
	rest := bonusAfterSep*min(cnt, slots) + acc
	if !both {
		rest = min(rest, alt)
	}
	return rest
}

// metaBound bounds the score worker.score would give slot s from its
// metadata alone, each term on whichever of its texts allows more (a term
// is only scored on the label if all its characters occur there, and not
// on the secondary text if its bit in labelOnly is set), or returns
// MaxInt when some term may be scored off scoreFolded's path (a non-ASCII
// term, or a text whose folding is not aligned; a text cut at a NUL is
// fine: its folded copy is cut there too).
func (ix *Index) metaBound(q *query, m *slotMeta, bd *slotBounds, a *auxMasks, labelOnly uint64) int {
	total := 0
	for i := range q.terms {
		t := &q.terms[i]
		if !t.ascii {
			return math.MaxInt
		}
		b := math.MinInt / 2
		if labelOnly&(1<<i) == 0 {
			if m.flag&flagOddSec != 0 {
				return math.MaxInt
			}
			b = textBound(t.fold, int(m.slen), headAt(bd.shead, t.fold[0]), bd.sbch, bd.smulti, len(t.fold), math.MaxUint32,
				t.innerSep || m.flag&flagCamelSec != 0)
		}
		if t.mask&^a.label == 0 {
			if m.flag&flagOddLabel != 0 {
				return math.MaxInt
			}
			b = max(b, t.labelBound(m, bd, int(m.llen)))
		}
		total += b
	}
	return total
}
