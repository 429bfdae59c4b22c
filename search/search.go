package search

import "context"

// postingsMinItems is the index size from which searches that cannot be
// narrowed try the word-prefix postings before a full scan. Below it a full
// scan is already well inside a frame and the postings would only add a
// second pass. A variable so tests can exercise the postings on small data.
var postingsMinItems = 200_000

// firstPassMax bounds the quick first pass of an asynchronous search: a
// posting list longer than this is only scanned this far for the first
// answer (which then cannot be final). A variable for tests.
var firstPassMax = 16 << 10

// firstScanMax is how many slots a short query whose word-prefix postings
// gave nothing scans for its first answer. A variable for tests.
var firstScanMax = 64 << 10

// Search ranks the items matching query, best first. It is a one-off search
// with no narrowing; a palette should use a Session. A cancelled ctx stops
// the scan and returns nil.
func (ix *Index) Search(ctx context.Context, query string, opt Options) []Match {
	q := parseQuery(query)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !q.empty() && ix.live >= postingsMinItems {
		list, cover := ix.postingList(q)
		if o, final := ix.postingPass(ctx, q, opt, list, cover, 0); final {
			return ix.matches(q, o.hits)
		}
	}
	o := ix.newPlan(q, opt, false).run(ctx, ix.allSpans())
	if !o.done {
		return nil
	}
	return ix.matches(q, o.hits)
}

func (ix *Index) allSpans() []span { return splitSpans(nil, nil, 0, uint32(len(ix.masks))) }

// postingList picks the shortest usable posting list for the query's terms
// and the quality it is complete for (see postings.go). Callers hold ix.mu
// for reading.
func (ix *Index) postingList(q *query) (list []uint32, cover Quality) {
	found := false
	for i, t := range q.terms {
		// A later term only qualifies if it starts with a word byte: then
		// a phrase-bonus match (the whole query at a label word start) puts
		// it at a word start too, so its list holds every such item.
		if i > 0 && !isWordByte(t.fold[0]) {
			continue
		}
		l := ix.post.list(t.fold)
		if !found || len(l) < len(list) {
			list, cover, found = l, coverage(len(t.fold)), true
		}
	}
	if list == nil {
		list = []uint32{}
	}
	return list, cover
}

// postingPass ranks the items on a posting list. final reports that the
// result equals a full scan's: the list is full and its worst match is of a
// quality the posting list is complete for. If bound > 0, at most bound
// entries of the list are scanned and the result is never final. Callers
// hold ix.mu for reading.
func (ix *Index) postingPass(ctx context.Context, q *query, opt Options, list []uint32, cover Quality, bound int) (o outcome, final bool) {
	exact := true
	if bound > 0 && len(list) > bound {
		list, exact = list[:bound], false
	}
	p := ix.newPlan(q, opt, false)
	o = p.run(ctx, splitSpans(list, nil, 0, 0))
	final = exact && o.done && len(o.hits) == p.limit && o.hits[len(o.hits)-1].quality >= cover
	return o, final
}
