package views

import "rolo/model"

// Edits of a column's window for optimistic moves. Keyset cursors are
// sort-key values, not offsets, so inserting or removing a card inside a
// loaded page leaves the page cursors valid.

// indexOf finds a loaded card by id.
func (w *window) indexOf(id int64) (int64, bool) {
	i := w.start
	for _, c := range w.chunks {
		for _, r := range c.recs {
			if r.ID == id {
				return i, true
			}
			i++
		}
	}
	return 0, false
}

// removeAt takes the card at absolute index i out of the window.
func (w *window) removeAt(i int64) (model.Record, bool) {
	if i < w.start || i >= w.end() {
		return model.Record{}, false
	}
	off := int(i - w.start)
	for c := range w.chunks {
		recs := w.chunks[c].recs
		if off < len(recs) {
			r := recs[off]
			w.chunks[c].recs = append(recs[:off:off], recs[off+1:]...)
			w.n--
			return r, true
		}
		off -= len(recs)
	}
	return model.Record{}, false
}

// insertAt puts a card at absolute index i (start ≤ i ≤ end); it reports
// false when i is outside the window, where the card will come with its
// page instead.
func (w *window) insertAt(i int64, r model.Record) bool {
	if i < w.start || i > w.end() {
		return false
	}
	if len(w.chunks) == 0 {
		w.chunks = append(w.chunks, chunk{})
	}
	off := int(i - w.start)
	for c := range w.chunks {
		recs := w.chunks[c].recs
		if off <= len(recs) && (off < len(recs) || c == len(w.chunks)-1) {
			out := make([]model.Record, 0, len(recs)+1)
			out = append(append(append(out, recs[:off]...), r), recs[off:]...)
			w.chunks[c].recs = out
			w.n++
			return true
		}
		off -= len(recs)
	}
	return false
}

// replace swaps in a fresher copy of a loaded card.
func (w *window) replace(r model.Record) bool {
	i, ok := w.indexOf(r.ID)
	if !ok {
		return false
	}
	p, _ := w.at(i)
	*p = r
	return true
}

// swap exchanges two loaded cards.
func (w *window) swap(i, j int64) bool {
	a, ok1 := w.at(i)
	b, ok2 := w.at(j)
	if !ok1 || !ok2 {
		return false
	}
	*a, *b = *b, *a
	return true
}
