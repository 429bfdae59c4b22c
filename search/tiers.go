package search

import (
	"bytes"
	"slices"
)

// Candidate tiers. A session remembers a query's candidates (the slots that
// match it, see Session) in three tiers, by the best quality they can still
// reach, for this query and for every query that extends it:
//
//   - open: no cap is known.
//   - loose: a term occurs nowhere contiguously, so it is scattered in the
//     label: LabelSubsequence at best. (A scan tests the last term; the
//     earlier ones were tested when they were last.)
//   - weak: some term is neither a subsequence of the label nor contiguous
//     in the secondary text: SecondarySubsequence at best.
//
// The caps carry over to longer queries because a longer term is no more
// contiguous, or a subsequence, than its prefix; a query that extends
// another keeps its terms (adding more can only lower the worst one); and a
// phrase bonus needs every term contiguous in the label.
//
// The next keystroke ranks the open tier first. Once the list is full above
// the loose tier's cap, the answer is final and goes out; the loose and weak
// tiers are then only checked to be remembered. "ton" after "to" at a
// million CRM records: 322,000 candidates hold "t" then "o", but only the
// 128,000 that hold "to" somewhere can hold "ton", and those rank first.
// For "mari" after "mar", whose best matches are scattered through names,
// two thirds of the candidates are weak (its letters strewn through an
// email address).
type tier uint8

const (
	open tier = iota
	loose
	weak
	numTiers
)

// cap is the best quality a candidate of the tier can have.
func (t tier) cap() Quality {
	switch t {
	case loose:
		return LabelSubsequence
	case weak:
		return SecondarySubsequence
	}
	return Exact
}

// weakened is the tier of a candidate of q found in a span of tier from,
// as far as weak goes: lsub says which terms are subsequences of the label
// (the secondary text holds the others); sec is the folded secondary text
// (nil when every term is one letter, which the masks decide).
func (q *query) weakened(from tier, lsub uint64, sec []byte) tier {
	if from == weak {
		return weak
	}
	for i := range q.terms {
		t := &q.terms[i]
		if lsub&(1<<i) == 0 && !t.single && !bytes.Contains(sec, t.fold) {
			return weak
		}
	}
	return from
}

// loosened is the tier of a candidate of q that weakened left open: loose
// if its last term occurs nowhere contiguously. lastQ is that term's own
// quality if the ranking computed it (SecondarySubstring or better exactly
// when it is contiguous somewhere), or NoQuery; lpair is the label's
// character pairs. Only the last term is tested: the others were tested
// when they were last, or the item came from a full scan, where an open
// tier is merely less precise.
func (q *query) loosened(lsub uint64, label, sec []byte, lpair uint32, lastQ Quality) tier {
	last := len(q.terms) - 1
	t := &q.terms[last]
	switch {
	case lastQ != NoQuery:
		if lastQ >= SecondarySubstring {
			return open
		}
	case t.single || lsub&(1<<last) == 0:
		// A term missing from the label is contiguous in the secondary
		// text (else the candidate is weak).
		return open
	case t.pairs&^lpair == 0 && bytes.Contains(label, t.fold) || bytes.Contains(sec, t.fold):
		return open
	}
	return loose
}

// slotList is an ascending list of slots and, when collected, the subPos
// of each (see scan.go), or nil.
type slotList struct {
	slots, pos []uint32
}

// merged is l and m in one ascending list.
func (l slotList) merged(m slotList) slotList {
	s, p := mergeSlots(l.slots, l.pos, m.slots, m.pos)
	return slotList{s, p}
}

// tiered is a candidate list per tier.
type tiered [numTiers]slotList

// merged is t and u merged tier by tier.
func (t tiered) merged(u tiered) tiered {
	for i := range t {
		t[i] = t[i].merged(u[i])
	}
	return t
}

// chunked is one worker's share of a slot list, with each slot's subPos,
// recorded in runs per chunk so that the workers' shares can be joined in
// chunk order, which is ascending slot order.
type chunked struct {
	slots, pos []uint32
	runs       []chunkRun
}

type chunkRun struct{ chunk, lo, hi int }

func (c *chunked) add(chunk int, s, pos uint32) {
	if n := len(c.runs); n == 0 || c.runs[n-1].chunk != chunk {
		c.runs = append(c.runs, chunkRun{chunk, len(c.slots), len(c.slots)})
	}
	c.slots = append(c.slots, s)
	c.pos = append(c.pos, pos)
	c.runs[len(c.runs)-1].hi++
}

// gather joins the workers' shares in chunk order; withPos says whether to
// keep the subPos.
func gather(cs []*chunked, withPos bool) slotList {
	type run struct {
		c *chunked
		chunkRun
	}
	var runs []run
	n := 0
	for _, c := range cs {
		for _, r := range c.runs {
			runs = append(runs, run{c, r})
			n += r.hi - r.lo
		}
	}
	if n == 0 {
		return slotList{}
	}
	slices.SortFunc(runs, func(a, b run) int { return a.chunk - b.chunk })
	l := slotList{slots: make([]uint32, 0, n)}
	if withPos {
		l.pos = make([]uint32, 0, n)
	}
	for _, r := range runs {
		l.slots = append(l.slots, r.c.slots[r.lo:r.hi]...)
		if withPos {
			l.pos = append(l.pos, r.c.pos[r.lo:r.hi]...)
		}
	}
	return l
}
