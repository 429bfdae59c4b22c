package views

import "rolo/model"

// chunk is one page as the store returned it, with the cursors at its ends.
// The window keeps whole pages because keyset cursors exist only at page
// boundaries: trimming a page keeps the neighbour's cursor valid for paging
// back into the trimmed part later.
type chunk struct {
	recs       []model.Record
	prev, next model.Cursor
}

// window is the bounded slice of a query's result the list holds. start is
// the absolute index (0-based, within the whole result) of its first row.
type window struct {
	chunks    []chunk
	start     int64
	n         int
	maxChunks int
}

func (w *window) empty() bool { return w.n == 0 }

// end is the absolute index just after the last loaded row.
func (w *window) end() int64 { return w.start + int64(w.n) }

// hasPrev/hasNext report whether rows exist before/after the window.
func (w *window) hasPrev() bool { return len(w.chunks) > 0 && w.chunks[0].prev != "" }
func (w *window) hasNext() bool {
	return len(w.chunks) > 0 && w.chunks[len(w.chunks)-1].next != ""
}

func (w *window) firstCursor() model.Cursor {
	if len(w.chunks) == 0 {
		return ""
	}
	return w.chunks[0].prev
}

func (w *window) lastCursor() model.Cursor {
	if len(w.chunks) == 0 {
		return ""
	}
	return w.chunks[len(w.chunks)-1].next
}

// at returns the row at absolute index i, if loaded. At most maxChunks
// chunks are walked, so this is O(1) in the size of the result.
func (w *window) at(i int64) (*model.Record, bool) {
	if i < w.start || i >= w.end() {
		return nil, false
	}
	off := int(i - w.start)
	for c := range w.chunks {
		if off < len(w.chunks[c].recs) {
			return &w.chunks[c].recs[off], true
		}
		off -= len(w.chunks[c].recs)
	}
	return nil, false
}

func (w *window) reset(start int64, c chunk) {
	w.chunks = w.chunks[:0]
	w.n = 0
	w.start = start
	if len(c.recs) > 0 || c.prev != "" || c.next != "" {
		w.chunks = append(w.chunks, c)
		w.n = len(c.recs)
	}
}

func (w *window) clear() { w.chunks, w.n, w.start = nil, 0, 0 }

// appendChunk adds a page after the window and drops pages from the front
// beyond maxChunks.
func (w *window) appendChunk(c chunk) {
	if len(c.recs) == 0 {
		if len(w.chunks) > 0 {
			w.chunks[len(w.chunks)-1].next = "" // nothing more after all
		}
		return
	}
	w.chunks = append(w.chunks, c)
	w.n += len(c.recs)
	for len(w.chunks) > w.maxChunks {
		w.start += int64(len(w.chunks[0].recs))
		w.n -= len(w.chunks[0].recs)
		w.chunks = w.chunks[1:]
	}
}

// prependChunk adds a page before the window and drops pages from the end
// beyond maxChunks.
func (w *window) prependChunk(c chunk) {
	if len(c.recs) == 0 {
		if len(w.chunks) > 0 {
			w.chunks[0].prev = ""
		}
		return
	}
	w.chunks = append([]chunk{c}, w.chunks...)
	w.n += len(c.recs)
	w.start -= int64(len(c.recs))
	for len(w.chunks) > w.maxChunks {
		last := len(w.chunks) - 1
		w.n -= len(w.chunks[last].recs)
		w.chunks = w.chunks[:last]
	}
}
