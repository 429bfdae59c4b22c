package search

// Word-prefix postings.
//
// A full scan of a million items takes tens of milliseconds even on two
// cores, too slow for a keystroke. But the best matches of a query are
// those where a word starts with it (the top four Quality classes), and
// those can be found from an inverted index: for every word start in an
// item's text, the item's slot is listed under the word's first bytes.
//
//   - 3- and 4-byte keys cover word starts in the label and the secondary
//     text, so a term of 3+ bytes finds every item of quality
//     SecondaryWordPrefix or better for that term. The 4-byte lists exist
//     because the fourth character is where a query usually stops sharing
//     its word starts with thousands of items: "mar" starts 40,000 words
//     of a million CRM records (Mark, Mary, Martinez), "mari" none, and
//     a pass over the "mar" list to learn that costs more than a frame.
//   - 1- and 2-byte keys cover label word starts only (secondary words would
//     make these lists huge), so a 1- or 2-byte term finds every item of
//     quality LabelWordPrefix or better.
//
// A search over one posting list ranks those items exactly as a full scan
// would. If that fills the result list with matches at or above the
// covered quality, no item outside the list can rank higher, so the answer
// is already final; otherwise it is a good first answer while the full scan
// runs. Lists hold slot numbers in ascending order (slots are appended in
// order), which the scan's chunking relies on.

type postings struct {
	lists map[uint64][]uint32
}

func newPostings() postings { return postings{lists: map[uint64][]uint32{}} }

// maxKey is the longest key, in bytes.
const maxKey = 4

// postingKey packs up to maxKey folded bytes with their count.
func postingKey(b []byte) uint64 {
	k := uint64(len(b)) << 32
	for i, c := range b {
		k |= uint64(c) << (24 - 8*i)
	}
	return k
}

// coverage is the lowest quality a posting list of a key this long is
// guaranteed to contain every item of.
func coverage(keyLen int) Quality {
	if keyLen >= 3 {
		return SecondaryWordPrefix
	}
	return LabelWordPrefix
}

// postingKeys appends the distinct keys of a folded label and secondary text.
func postingKeys(keys []uint64, label, sec []byte) []uint64 {
	addKey := func(k uint64) {
		for _, x := range keys {
			if x == k {
				return
			}
		}
		keys = append(keys, k)
	}
	for i := range label {
		if !isWordStart(label, i) {
			continue
		}
		for n := 1; n <= maxKey && i+n <= len(label); n++ {
			addKey(postingKey(label[i : i+n]))
		}
	}
	for i := range sec {
		if i+3 <= len(sec) && isWordStart(sec, i) {
			for n := 3; n <= maxKey && i+n <= len(sec); n++ {
				addKey(postingKey(sec[i : i+n]))
			}
		}
	}
	return keys
}

func (p *postings) add(slot uint32, keys []uint64) {
	for _, k := range keys {
		p.lists[k] = append(p.lists[k], slot)
	}
}

// list returns the posting list for a folded term: keyed by its first
// maxKey bytes, or all of it when shorter.
func (p *postings) list(t []byte) []uint32 {
	return p.lists[postingKey(t[:min(len(t), maxKey)])]
}

// remap renumbers slots after compaction; remap[old] is ^0 for dropped slots.
// Order is preserved because compaction keeps slot order.
func (p *postings) remap(remap []uint32) {
	for k, l := range p.lists {
		out := l[:0]
		for _, s := range l {
			if ns := remap[s]; ns != ^uint32(0) {
				out = append(out, ns)
			}
		}
		if len(out) == 0 {
			delete(p.lists, k)
			continue
		}
		p.lists[k] = out
	}
}
