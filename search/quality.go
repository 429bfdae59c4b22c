package search

// Match quality: the class of a match (see Quality), computed from a few
// bytes.Index calls, and a bound of it from the character masks alone.

// bound is an upper bound of an item's quality from its masks alone: a
// term whose first character starts no word cannot be better than
// LabelSubstring, and one that starts no label word cannot be better than
// SecondaryWordPrefix. Once the top-k list is full of word-start matches,
// this skips most items without reading their text.
func (q *query) bound(a *auxMasks) Quality {
	ub := Exact
	for i := range q.terms {
		f := q.terms[i].first
		switch {
		case a.lword&f != 0:
		case a.word&f != 0:
			ub = min(ub, SecondaryWordPrefix)
		default:
			ub = min(ub, LabelSubstring)
		}
	}
	if len(q.terms) > 1 && a.lword&q.terms[0].first != 0 {
		ub = Exact // the phrase bonus may apply
	}
	return ub
}

// quality computes an item's match quality: the worst of its terms'
// qualities, raised by a phrase bonus when the whole query ("jane d")
// occurs at a word start of the label. It gives up (ok false) as soon as
// the result is known to be below floor. Bit i of inLabel says term i is
// scored and highlighted on the label rather than the secondary text.
// lastQ is the last term's own quality, or NoQuery if it gave up before.
func (q *query) quality(label, sec []byte, lsub uint64, floor Quality) (qual Quality, inLabel uint64, lastQ Quality, ok bool) {
	bonus := NoQuery
	if len(q.terms) > 1 {
		switch contiguous(label, q.phrase) {
		case whole:
			bonus = Exact
		case atStart:
			bonus = LabelPrefix
		case atWord:
			bonus = LabelWordPrefix
		}
	}
	qual = Exact
	for i := range q.terms {
		tq, l := q.termQuality(i, label, sec, lsub)
		if l {
			inLabel |= 1 << i
		}
		qual = min(qual, tq)
		if max(qual, bonus) < floor {
			return 0, 0, NoQuery, false
		}
		lastQ = tq
	}
	return max(qual, bonus), inLabel, lastQ, true
}

// termQuality is the quality of term i and whether it is scored on the label.
func (q *query) termQuality(i int, label, sec []byte, lsub uint64) (Quality, bool) {
	t := &q.terms[i]
	labelSub := lsub&(1<<i) != 0
	var lc, sc contiguity
	if labelSub { // no subsequence, no contiguous occurrence
		lc = contiguous(label, t.fold)
	}
	if lc < atWord {
		sc = contiguous(sec, t.fold)
	}
	// secSub is only consulted when the label has no subsequence, and then
	// the predicate has established that the secondary text has one.
	return qualityOf(lc, sc, labelSub, !labelSub)
}

// boundAt is a tighter upper bound of an item's quality than bound, still
// without reading its text. Per term it also uses whether the term's
// characters all occur in the label (else it can only match the secondary
// text) and whether its character pairs do (else it is not contiguous
// there), whether the secondary text has the term's digit pairs (sdig, if
// not nil, see digitPairs; else it is not contiguous there either), whether the
// label's first bytes (lhead, or for a cell of slots lheads, the sets of
// the bytes they hold at each position) agree with the term's (else it is
// not a prefix), and, when lead is true, whether the item is on the
// posting list of the first term (onLead): off a 3+ byte term's list, that term starts
// no word at all; off a shorter one's, no label word (postings.go), and
// either way the phrase bonus, which needs the first term at a label word
// start, is out. Bit i of labelOnly says term i cannot be scored on the
// secondary text in a match of quality want or better: a term is scored
// there only when its quality comes from there.
func (q *query) boundAt(a *auxMasks, lpair uint32, lhead *[3]byte, lheads *[3]uint64, sdig *digitPairs, lead, onLead bool, want Quality) (ub Quality, labelOnly uint64) {
	ub = Exact
	for i := range q.terms {
		t := &q.terms[i]
		lq := NoQuery // the best the label allows
		if t.mask&^a.label == 0 {
			switch {
			case t.pairs&^lpair != 0:
				lq = LabelSubsequence
			case a.lword&t.first == 0:
				lq = LabelSubstring
			case lhead != nil && startsWith(*lhead, t.fold) || lhead == nil && mayStartWith(lheads, t.fold):
				lq = Exact
			default:
				lq = LabelWordPrefix // not at byte 0
			}
		}
		sq := SecondarySubstring // the best the secondary text allows
		switch {
		case sdig != nil && !sdig.holds(&t.digits):
			sq = SecondarySubsequence // not contiguous there
		case a.word&t.first != 0:
			sq = SecondaryWordPrefix
		}
		if i == 0 && lead && !onLead {
			lq = min(lq, LabelSubstring)
			if len(t.fold) >= 3 {
				sq = min(sq, SecondarySubstring)
			}
		}
		ub = min(ub, max(lq, sq))
		if sq < want {
			labelOnly |= 1 << i
		}
	}
	if len(q.terms) > 1 && a.lword&q.terms[0].first != 0 && (!lead || onLead) {
		// The phrase bonus may apply, and lift terms scored anywhere.
		return Exact, 0
	}
	return ub, labelOnly
}

// mayStartWith is startsWith for a cell (see cellSum): at each of the first
// positions, the set of the bytes there may hold t's.
func mayStartWith(heads *[3]uint64, t []byte) bool {
	for i := range min(len(t), len(heads)) {
		if heads[i]&maskBit(t[i]) == 0 {
			return false
		}
	}
	return true
}

// startsWith reports whether folded text whose first bytes are head may
// start with t: they agree on the bytes both have.
func startsWith(head [3]byte, t []byte) bool {
	for i := range min(len(t), len(head)) {
		if head[i] != t[i] {
			return false
		}
	}
	return true
}
