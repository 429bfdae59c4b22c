package search

import "strings"

// hit is a ranked candidate during a scan: just the ranking keys and the
// slot, so the heaps stay small and cache-friendly. Highlight indexes are
// computed afterwards for the few hits that make the final list.
type hit struct {
	slot    uint32
	quality Quality
	llen    uint16 // label length in bytes (capped), the "shorter label" key
	score   int32
	boost   int32
}

// better is the total ranking order: quality, fuzzy score, boost, shorter
// label, then key so that results never depend on scan order or on how the
// work was split across goroutines.
func better(a, b hit, ix *Index) bool {
	if a.quality != b.quality {
		return a.quality > b.quality
	}
	if a.score != b.score {
		return a.score > b.score
	}
	if a.boost != b.boost {
		return a.boost > b.boost
	}
	if a.llen != b.llen {
		return a.llen < b.llen
	}
	return strings.Compare(ix.key(a.slot), ix.key(b.slot)) < 0
}

// topK keeps the best k hits seen so far in a min-heap whose root is the
// worst kept hit. Sorting every match costs O(n log n) and allocates per
// keystroke; the heap costs O(n log k) and, since most hits lose to the root
// after the first few thousand, usually one comparison per hit.
type topK struct {
	k  int
	h  []hit
	ix *Index // for keys, the last tie-break
}

func newTopK(k int, ix *Index) topK {
	return topK{k: k, h: make([]hit, 0, k), ix: ix}
}

func (t *topK) full() bool { return len(t.h) == t.k }

// floor is the quality of the worst kept hit once the heap is full. A
// candidate of lower quality cannot enter, so scans skip scoring it.
func (t *topK) floor() Quality {
	if !t.full() {
		return NoQuery
	}
	return t.h[0].quality
}

// beats reports whether the worst kept hit of a full heap ranks above
// every hit of its quality whose score is at most scoreUB, with boost and
// label length llen: the score cannot lift such a hit above it, and on an
// equal score the boost and then the shorter label would have to. Only the
// key, which needs the item's text, is left undecided on a full tie.
func (t *topK) beats(scoreUB int, boost int32, llen uint16) bool {
	return t.h[0].beats(scoreUB, boost, llen)
}

// beats is topK.beats with w as the worst kept hit.
func (w *hit) beats(scoreUB int, boost int32, llen uint16) bool {
	if scoreUB != int(w.score) {
		return scoreUB < int(w.score)
	}
	return boost < w.boost || boost == w.boost && llen > w.llen
}

// offer keeps x if it is among the best k so far. A slot already kept is
// not kept twice: a ranking by cells (see runCells) seeds the heap with
// hits its second pass then finds again.
func (t *topK) offer(x hit) {
	if len(t.h) == t.k && (t.k == 0 || !better(x, t.h[0], t.ix)) {
		return
	}
	for i := range t.h {
		if t.h[i].slot == x.slot {
			return
		}
	}
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		t.up(len(t.h) - 1)
		return
	}
	t.h[0] = x
	t.down(0)
}

func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !better(t.h[p], t.h[i], t.ix) {
			break
		}
		t.h[p], t.h[i] = t.h[i], t.h[p]
		i = p
	}
}

func (t *topK) down(i int) {
	n := len(t.h)
	for {
		w := i
		if l := 2*i + 1; l < n && better(t.h[w], t.h[l], t.ix) {
			w = l
		}
		if r := 2*i + 2; r < n && better(t.h[w], t.h[r], t.ix) {
			w = r
		}
		if w == i {
			return
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

// qualityOf combines where a term occurs in the label (lc) and in the
// secondary text (sc) into a term quality; labelSub and secSub say whether
// the term is at least a scattered subsequence there. It also reports which
// text the term's score and highlights come from.
func qualityOf(lc, sc contiguity, labelSub, secSub bool) (q Quality, inLabel bool) {
	switch lc {
	case whole:
		return Exact, true
	case atStart:
		return LabelPrefix, true
	case atWord:
		return LabelWordPrefix, true
	}
	if sc >= atWord {
		return SecondaryWordPrefix, false
	}
	if lc == inside {
		return LabelSubstring, true
	}
	if sc == inside {
		return SecondarySubstring, false
	}
	if labelSub {
		return LabelSubsequence, true
	}
	if secSub {
		return SecondarySubsequence, false
	}
	return NoQuery, false
}
