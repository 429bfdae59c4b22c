package search

import (
	"bytes"
	"slices"
)

// Candidate tiers.
//
// A session remembers each query's candidates in three tiers, by the best
// quality any query extending it can give them:
//
//   - tierContig: every term occurs contiguously in the label or the
//     secondary text; any quality remains possible.
//   - tierLabel: some term is only a scattered subsequence of the label
//     (not contiguous anywhere), so the item ranks LabelSubsequence at best.
//   - tierWeak: some term is only strewn through the secondary text, so it
//     ranks SecondarySubsequence at best.
//
// Typing more never lifts an item to a better tier: a longer term is no
// more contiguous, nor more of a subsequence, than its prefix, and a
// phrase bonus needs every term contiguous in the label. So the next
// keystroke ranks the tiers in order and stops ranking as soon as the list
// is full of matches better than the next tier can offer; the remaining
// tiers are then only checked, to be remembered, after the answer has gone
// out. "ton" after "to" ranks the 130,000 items holding "to" somewhere
// instead of 600,000 that have a t before an o; "mari" after "mar" skips
// the 260,000 whose m, a and r are strewn through an email address.
type tier uint8

const (
	tierContig tier = iota
	tierLabel
	tierWeak
	numTiers
)

// best is the best quality an item of the tier can match at.
func (t tier) best() Quality {
	switch t {
	case tierLabel:
		return LabelSubsequence
	case tierWeak:
		return SecondarySubsequence
	}
	return Exact
}

// tier classifies a matching item; lsub has bit i set when term i is a
// subsequence of the label. label and sec may be nil when every term is
// one letter: such a term occurs somewhere, and one letter is contiguous
// wherever it is.
func (q *query) tier(lsub uint64, label, sec []byte) tier {
	t := tierContig
	for i := range q.terms {
		tm := &q.terms[i]
		inLabel := lsub&(1<<i) != 0
		switch {
		case tm.single:
		case inLabel && bytes.Contains(label, tm.fold):
		case bytes.Contains(sec, tm.fold):
		case inLabel:
			t = tierLabel
		default:
			return tierWeak
		}
	}
	return t
}

// tiered holds slots (ascending) and their subPos (nil when not
// collected) for each tier.
type tiered struct {
	cands, pos [numTiers][]uint32
}

// len is the number of slots in tier t.
func (c *tiered) len(t tier) int { return len(c.cands[t]) }

// merge adds o's slots to c, keeping each tier ascending.
func (c *tiered) merge(o *tiered) {
	for t := range numTiers {
		c.cands[t], c.pos[t] = mergeSlots(c.cands[t], c.pos[t], o.cands[t], o.pos[t])
	}
}

// collection is a scan's candidate buffer. Each chunk collects into its own
// region (chunks hold at most chunkSize slots), with a tier byte per slot,
// and the regions are split by tier in chunk order at the end, so
// collecting costs three allocations whatever the match count.
type collection struct {
	slots, pos []uint32
	tiers      []tier
	n          []int // per chunk
}

func newCollection(chunks int, withPos bool) *collection {
	c := &collection{
		slots: make([]uint32, chunks*chunkSize),
		tiers: make([]tier, chunks*chunkSize),
		n:     make([]int, chunks),
	}
	if withPos {
		c.pos = make([]uint32, chunks*chunkSize)
	}
	return c
}

// split gathers the regions into ascending lists per tier. The first tier
// is moved to the front of the buffer (it is usually the largest); the
// others get slices of their own.
func (c *collection) split() tiered {
	var counts [numTiers]int
	for ch, k := range c.n {
		for _, t := range c.tiers[ch*chunkSize : ch*chunkSize+k] {
			counts[t]++
		}
	}
	var out tiered
	for t := tierLabel; t < numTiers; t++ {
		out.cands[t] = make([]uint32, 0, counts[t])
		if c.pos != nil {
			out.pos[t] = make([]uint32, 0, counts[t])
		}
	}
	n := 0
	for ch, k := range c.n {
		for i := ch * chunkSize; i < ch*chunkSize+k; i++ {
			t := c.tiers[i]
			if t == tierContig {
				c.slots[n] = c.slots[i]
				if c.pos != nil {
					c.pos[n] = c.pos[i]
				}
				n++
				continue
			}
			out.cands[t] = append(out.cands[t], c.slots[i])
			if c.pos != nil {
				out.pos[t] = append(out.pos[t], c.pos[i])
			}
		}
	}
	out.cands[tierContig] = c.slots[:n:n]
	if c.pos != nil {
		out.pos[tierContig] = c.pos[:n:n]
	}
	// Keep a right-sized copy when most of the buffer is unused, so a
	// session's remembered frames do not pin megabytes of slack.
	if n < len(c.slots)/2 {
		out.cands[tierContig] = slices.Clone(out.cands[tierContig])
		out.pos[tierContig] = slices.Clone(out.pos[tierContig])
	}
	return out
}

// mergeSlots merges two ascending slot lists and their parallel subPos
// lists (nil when not collected).
func mergeSlots(a, apos, b, bpos []uint32) ([]uint32, []uint32) {
	if len(b) == 0 {
		return a, apos
	}
	if len(a) == 0 {
		return b, bpos
	}
	out := make([]uint32, 0, len(a)+len(b))
	var pos []uint32
	if apos != nil {
		pos = make([]uint32, 0, len(a)+len(b))
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && a[i] < b[j] {
			out = append(out, a[i])
			if pos != nil {
				pos = append(pos, apos[i])
			}
			i++
		} else {
			out = append(out, b[j])
			if pos != nil {
				pos = append(pos, bpos[j])
			}
			j++
		}
	}
	return out, pos
}
