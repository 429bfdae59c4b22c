package views

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rolo/keymap"
	"rolo/model"
)

var listIDs atomic.Int64

const (
	gutterWidth = 2  // cursor mark + selection mark
	minPageSize = 50 // rows per PageRequest, at least
	windowPages = 4  // pages the window keeps: memory stays ~4 pages whatever the total
	wheelStep   = 3
)

// listCol is a Column resolved against the object's fields.
type listCol struct {
	field model.Field
	width int
	right bool
	label bool // the object's label column, always drawn first and pinned
	auto  bool // width chosen from the type; saved as 0 so it follows defaults
}

// List is the table of one object's records under a saved view (filter,
// sorts, columns). It holds only a window of a few pages of the result and
// asks the root for more with PageRequest when the cursor nears an edge;
// see PageRequest for the protocol. It also owns the list's own overlays
// (sort editor, column chooser, view switcher, save prompt).
type List struct {
	id     int
	keys   keymap.List
	dkeys  keymap.Dialog
	styles Styles
	width  int
	height int

	object   model.Object
	view     SavedView // the view as last applied or saved (its Name, Default)
	views    []SavedView
	cols     []listCol
	sorts    []model.Sort
	filter   *FilterBar
	queryFil string // filter source of the current query

	win   window
	total int64 // -1: not known yet
	// atLeast is a lower bound on an unknown total from a capped count,
	// drawn "10,000+"; it never places rows (see SetTotalAtLeast).
	atLeast int64
	// unplaced: the window was loaded from the end (G) before the total
	// was known, so its rows' absolute indexes are not known yet either.
	unplaced   bool
	cursor     int64 // absolute row index
	top        int64 // absolute index of the first drawn row
	colCursor  int
	colOffset  int // first non-pinned column drawn
	pageSize   int
	req        int
	queryReq   int // Req that started the current query
	pendingReq int // Req awaited; 0 = none
	pendingDir PageDir

	selected    map[int64]bool
	allSelected bool

	dialog  Dialog
	focused bool
	now     func() time.Time // the clock for relative dates; tests fix it
}

// NewList returns an empty list; call Reset to give it an object and view.
func NewList(km keymap.KeyMap, styles Styles) *List {
	l := &List{
		id:       int(listIDs.Add(1)),
		keys:     km.List,
		dkeys:    km.Dialog,
		styles:   styles,
		filter:   NewFilterBar(km.FilterBar, styles),
		total:    -1,
		pageSize: minPageSize,
		selected: map[int64]bool{},
		focused:  true,
		now:      time.Now,
	}
	l.win.maxChunks = windowPages
	return l
}

// SetClock sets the clock relative dates are measured from (tests pin it).
func (l *List) SetClock(now func() time.Time) { l.now = now }

// ID identifies the list in PageRequest.List.
func (l *List) ID() int { return l.id }

// SetStyles applies rebuilt styles (background colour known, NO_COLOR).
func (l *List) SetStyles(s Styles) {
	l.styles = s
	l.filter.SetStyles(s)
}

// Focus/Blur/Focused: an unfocused list draws no cursor highlight.
func (l *List) Focus()        { l.focused = true }
func (l *List) Blur()         { l.focused = false }
func (l *List) Focused() bool { return l.focused }

// CapturesKeys reports that keys must go to the list before global
// printable keys are considered: text is being typed or a dialog is open,
// so `q` or `?` are input, not commands. ctrl+c still quits.
func (l *List) CapturesKeys() bool { return l.dialog != nil || l.filter.Focused() }

// Object is the object shown.
func (l *List) Object() model.Object { return l.object }

// Total is the number of records matching the query, -1 until counted.
func (l *List) Total() int64 { return l.total }

// Cursor is the absolute index of the cursor row.
func (l *List) Cursor() int64 { return l.cursor }

// CurrentView is the applied view with the list's current filter, sorts
// and columns: what V would save.
func (l *List) CurrentView() SavedView {
	v := l.view
	v.Filter = l.filter.Value()
	v.Sorts = slices.Clone(l.sorts)
	v.Columns = l.columns()
	return v
}

// Current returns the record under the cursor, if loaded.
func (l *List) Current() (model.Record, bool) {
	r, ok := l.win.at(l.cursor)
	if !ok {
		return model.Record{}, false
	}
	return *r, true
}

// SetViews gives the list the object's saved views for the switcher.
func (l *List) SetViews(views []SavedView) { l.views = slices.Clone(views) }

// Reset shows object under view: a new query from the first page. The
// returned command emits the PageRequest (with Count set).
func (l *List) Reset(object model.Object, view SavedView) tea.Cmd {
	l.object = object
	l.win.clear()
	l.total, l.atLeast, l.unplaced = -1, 0, false
	l.cursor, l.top, l.colCursor, l.colOffset = 0, 0, 0, 0
	return l.ApplyView(view)
}

// ApplyView switches to a saved view of the current object.
func (l *List) ApplyView(v SavedView) tea.Cmd {
	l.view = v
	l.cols = resolveColumns(l.object, v.Columns)
	l.colCursor, l.colOffset = 0, 0
	l.sorts = slices.Clone(v.Sorts)
	l.filter.SetValue(v.Filter)
	l.filter.Blur()
	return l.startQuery()
}

// Refresh re-reads the window in place (after a delete, an edit or undo):
// the rows from the window's first page boundary onward, keeping the
// cursor's position as far as the new result allows.
func (l *List) Refresh() tea.Cmd {
	l.req++
	l.queryReq = l.req // the total may have changed too
	l.pendingReq, l.pendingDir = l.req, DirReload
	return l.requestCmd(DirReload, l.win.firstCursor(), true)
}

// startQuery begins a new query (filter, sort or view changed). The old
// rows stay on screen until the first page of the new result arrives, so
// typing a filter never flashes an empty table, and a filter that fails to
// parse leaves the last good result visible.
func (l *List) startQuery() tea.Cmd {
	l.req++
	l.queryReq = l.req
	l.queryFil = l.filter.Value()
	l.filter.Applied(l.queryFil)
	l.pendingReq, l.pendingDir = l.req, DirFirst
	l.allSelected = false
	clear(l.selected)
	return l.requestCmd(DirFirst, "", true)
}

func (l *List) request(dir PageDir, c model.Cursor) tea.Cmd {
	l.req++
	l.pendingReq, l.pendingDir = l.req, dir
	return l.requestCmd(dir, c, false)
}

func (l *List) requestCmd(dir PageDir, c model.Cursor, count bool) tea.Cmd {
	return emit(PageRequest{
		List: l.id, Req: l.req, Object: l.object.Name, Filter: l.queryFil,
		Sorts: slices.Clone(l.sorts), Dir: dir, Cursor: c, Limit: l.pageSize, Count: count,
	})
}

// Pending reports whether a page request is outstanding (drawn as
// "loading…").
func (l *List) Pending() bool { return l.pendingReq != 0 }

// ApplyPage takes the store's answer to PageRequest req. Answers to any
// request but the one awaited are stale and ignored (reported false). The
// returned command may ask for the next page right away when the cursor is
// still near the window's edge.
func (l *List) ApplyPage(req int, dir PageDir, p model.Page) (bool, tea.Cmd) {
	if req == 0 || req != l.pendingReq || dir != l.pendingDir {
		return false, nil
	}
	l.pendingReq = 0
	c := chunk{recs: p.Records, prev: p.Prev, next: p.Next}
	n := int64(len(p.Records))
	switch dir {
	case DirFirst:
		l.win.reset(0, c)
		l.cursor, l.top = 0, 0
		l.unplaced = false
		l.filter.SetError("", nil)
	case DirReload:
		start := l.win.start
		if p.Prev == "" {
			start = 0
		}
		l.win.reset(start, c)
		l.unplaced = l.unplaced && p.Prev != ""
	case DirLast:
		start := max(l.total-n, 0)
		if p.Prev == "" {
			start = 0
		}
		l.win.reset(start, c)
		l.cursor = l.win.end() - 1
		l.unplaced = l.total < 0 && p.Prev != ""
	case DirNext:
		l.win.appendChunk(c)
	case DirPrev:
		l.win.prependChunk(c)
		if l.win.start < 0 || !l.win.hasPrev() && l.win.start != 0 {
			// The result changed under us (rows added or removed before the
			// window): re-anchor so indexes stay within 0..total and the
			// cursor stays on the same row.
			shift := -l.win.start
			l.win.start += shift
			l.cursor += shift
			l.top += shift
		}
	}
	// The end of the result, once loaded, is a fact; the count may be older
	// than the pages. A window anchored at the end without a count yet
	// (G before the count arrived) waits for SetTotal to place it.
	switch {
	case !l.win.hasNext() && (l.total >= 0 || !l.win.hasPrev()):
		l.total = l.win.end()
	case l.total >= 0 && l.total < l.win.end():
		l.total = l.win.end()
	}
	l.clampCursor()
	return true, l.maybeFetch()
}

// SetTotal sets the number of records matching the query that Req belongs
// to. Counts for an older query are ignored.
func (l *List) SetTotal(req int, n int64) {
	if req < l.queryReq {
		return
	}
	if !l.win.empty() && !l.win.hasNext() {
		if !l.win.hasPrev() {
			n = l.win.end() // the whole result is loaded: that is exact
		} else if shift := max(n-int64(l.win.n), 0) - l.win.start; shift != 0 {
			// The window holds the end of the result: its absolute place
			// follows from the count (G pressed before the count arrived).
			l.win.start += shift
			l.cursor += shift
			l.top += shift
		}
		l.unplaced = false
	}
	l.total = max(n, l.win.end())
	l.clampCursor()
}

// SetTotalAtLeast records that more than n records match the query Req
// belongs to: a capped count, drawn "1 of 10,000+" until SetTotal brings
// the exact number. The total stays unknown, so nothing is placed by the
// bound: G loads the last page as it does before any count, the list
// knows it is at the end (no next page) and the exact count places the
// window when it lands. A window that already holds the whole result
// knows better and keeps its total.
func (l *List) SetTotalAtLeast(req int, n int64) {
	if req < l.queryReq {
		return
	}
	if !l.win.empty() && !l.win.hasNext() && !l.win.hasPrev() {
		return
	}
	l.total, l.atLeast = -1, n
}

// SetFilterError shows the filter's parse error for request req (nil
// clears it). The query did not run: the request is no longer pending.
func (l *List) SetFilterError(req int, e *ErrorSpan) {
	if req != l.queryReq {
		return
	}
	if l.pendingReq == req {
		l.pendingReq = 0
	}
	l.filter.SetError(l.queryFil, e)
}

// clampCursor keeps the cursor on a loaded row and on screen.
func (l *List) clampCursor() {
	if l.win.empty() {
		l.cursor, l.top = 0, 0
		return
	}
	l.cursor = min(max(l.cursor, l.win.start), l.win.end()-1)
	l.ensureVisible()
}

func (l *List) ensureVisible() {
	h := int64(max(l.bodyHeight(), 1))
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+h {
		l.top = l.cursor - h + 1
	}
	l.top = max(l.top, 0)
}

// threshold is how close to a window edge the cursor may come before the
// neighbouring page is requested: half a page, so it arrives before the
// user gets there.
func (l *List) threshold() int64 { return int64(max(l.pageSize/2, l.bodyHeight())) }

func (l *List) maybeFetch() tea.Cmd {
	if l.pendingReq != 0 || l.win.empty() {
		return nil
	}
	if l.win.hasNext() && l.cursor >= l.win.end()-l.threshold() {
		return l.request(DirNext, l.win.lastCursor())
	}
	if l.win.hasPrev() && l.cursor < l.win.start+l.threshold() {
		return l.request(DirPrev, l.win.firstCursor())
	}
	return nil
}

func (l *List) move(delta int64) tea.Cmd {
	if l.win.empty() {
		return nil
	}
	l.cursor += delta
	l.clampCursor()
	return l.maybeFetch()
}

func (l *List) bodyHeight() int { return max(l.height-l.filterLines()-2, 0) }

func (l *List) filterLines() int {
	if l.filter.Focused() || l.filter.Value() != "" || l.filter.Err() != nil {
		return l.filter.Lines()
	}
	return 0
}

// SetSize sets the list's area; page size follows so one request always
// covers more than a screen.
func (l *List) SetSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.filter.SetWidth(l.width)
	l.pageSize = max(minPageSize, 2*l.bodyHeight())
	if l.dialog != nil {
		l.dialog.SetSize(l.width, l.height)
	}
	l.ensureColVisible()
	l.clampCursor()
}

// Update handles keys, mouse and the list's own timer messages. Messages
// meant for other components are ignored, so the root may broadcast.
func (l *List) Update(msg tea.Msg) (Component, tea.Cmd) {
	if l.dialog != nil {
		if _, isTick := msg.(filterTickMsg); !isTick {
			return l, l.updateDialog(msg)
		}
	}
	if src, ok := l.filter.Tick(msg); ok {
		_ = src
		return l, l.startQuery()
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if l.filter.Focused() {
			return l, l.updateFilter(msg)
		}
		return l, l.handleKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return l, l.move(-wheelStep)
		case tea.MouseWheelDown:
			return l, l.move(wheelStep)
		}
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return l, nil
		}
		if row, ok := l.RowAt(msg.X, msg.Y); ok {
			l.cursor = row
			l.clampCursor()
			if c, ok := l.ColumnAt(msg.X, msg.Y); ok {
				l.colCursor = c
			}
			return l, l.maybeFetch()
		}
		if y := msg.Y - l.filterLines(); y == 0 {
			if c, ok := l.ColumnAt(msg.X, msg.Y); ok {
				l.colCursor = c
			}
		}
	default:
		// Cursor blink and similar messages for the filter input.
		if l.filter.Focused() {
			return l, l.filter.Update(msg)
		}
	}
	return l, nil
}

func (l *List) updateFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case l.filter.IsApply(msg):
		l.filter.Blur()
		if l.filter.Value() != l.queryFil {
			return l.startQuery()
		}
		return nil
	case l.filter.IsClear(msg):
		l.filter.Blur()
		if l.filter.Value() != "" || l.queryFil != "" {
			l.filter.SetValue("")
			return l.startQuery()
		}
		return nil
	}
	return l.filter.Update(msg)
}

func (l *List) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := l.keys
	bh := int64(max(l.bodyHeight(), 1))
	switch {
	case key.Matches(msg, k.Down):
		return l.move(1)
	case key.Matches(msg, k.Up):
		return l.move(-1)
	case key.Matches(msg, k.PageDown):
		return l.move(bh)
	case key.Matches(msg, k.PageUp):
		return l.move(-bh)
	case key.Matches(msg, k.HalfDown):
		return l.move(max(bh/2, 1))
	case key.Matches(msg, k.HalfUp):
		return l.move(-max(bh/2, 1))
	case key.Matches(msg, k.First):
		if l.win.hasPrev() {
			return l.request(DirFirst, "")
		}
		l.cursor = l.win.start
		l.clampCursor()
		return nil
	case key.Matches(msg, k.Last):
		if l.win.hasNext() {
			return l.request(DirLast, "")
		}
		l.cursor = l.win.end() - 1
		l.clampCursor()
		return nil
	case key.Matches(msg, k.Left):
		l.colCursor = max(l.colCursor-1, 0)
		l.ensureColVisible()
	case key.Matches(msg, k.Right):
		l.colCursor = min(l.colCursor+1, max(len(l.cols)-1, 0))
		l.ensureColVisible()
	case key.Matches(msg, k.Open):
		if r, ok := l.Current(); ok {
			return emit(OpenRecordMsg{Object: l.object.Name, ID: r.ID})
		}
	case key.Matches(msg, k.New):
		// The applied filter, not the bar's text: it is what the rows show.
		return emit(NewRecordMsg{Object: l.object.Name, Filter: l.queryFil})
	case key.Matches(msg, k.Filter):
		return l.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if l.allSelected || len(l.selected) > 0 {
			l.ClearSelection()
			return nil
		}
		if l.filter.Value() != "" || l.queryFil != "" {
			l.filter.SetValue("")
			return l.startQuery()
		}
	case key.Matches(msg, k.Sort):
		return l.sortByColumn()
	case key.Matches(msg, k.SortEditor):
		l.openDialog(NewSortEditor(l.dkeys, l.styles, l.object, l.sorts))
	case key.Matches(msg, k.Columns):
		l.openDialog(NewColumnChooser(l.dkeys, l.styles, l.object, l.columns()))
	case key.Matches(msg, k.SaveView):
		name := l.view.Name
		if l.view.Default {
			name = ""
		}
		l.openDialog(NewPrompt(l.dkeys, l.styles, "Save view as", name))
	case key.Matches(msg, k.Views):
		l.openDialog(NewViewSwitcher(l.dkeys, l.styles, l.object.Name, l.views, l.view.Name))
	case key.Matches(msg, k.Select):
		if r, ok := l.Current(); ok {
			if l.allSelected {
				// "All" is a filter, not a set of ids: leaving it starts over.
				l.allSelected = false
			} else if l.selected[r.ID] {
				delete(l.selected, r.ID)
			} else {
				l.selected[r.ID] = true
			}
			return l.move(1)
		}
	case key.Matches(msg, k.SelectAll):
		l.allSelected = !l.allSelected
		clear(l.selected)
	case key.Matches(msg, k.Delete):
		if sel, ok := l.Selection(); ok {
			l.ClearSelection()
			return emit(DeleteRecordsMsg{Selection: sel})
		}
	case key.Matches(msg, k.SetOwner):
		if sel, ok := l.Selection(); ok {
			return emit(SetOwnerMsg{Selection: sel})
		}
	case key.Matches(msg, k.SetField):
		if sel, ok := l.Selection(); ok {
			field := ""
			if l.colCursor < len(l.cols) {
				field = l.cols[l.colCursor].field.Name
			}
			return emit(SetFieldMsg{Selection: sel, Field: field})
		}
	case key.Matches(msg, k.Undo):
		return emit(UndoMsg{})
	case key.Matches(msg, k.Import):
		return emit(ImportMsg{Object: l.object.Name})
	case key.Matches(msg, k.Export):
		return emit(ExportViewMsg{Object: l.object.Name})
	case key.Matches(msg, k.Quit):
		return emit(QuitMsg{})
	}
	return nil
}

// sortByColumn implements `s`: sort by the column under the column cursor,
// ascending; pressed again on the same column, descending; again, ascending.
func (l *List) sortByColumn() tea.Cmd {
	if l.colCursor >= len(l.cols) {
		return nil
	}
	f := l.cols[l.colCursor].field.Name
	desc := len(l.sorts) > 0 && l.sorts[0].Field == f && !l.sorts[0].Desc
	l.sorts = []model.Sort{{Field: f, Desc: desc}}
	return l.startQuery()
}

// Sorts is the current sort order.
func (l *List) Sorts() []model.Sort { return slices.Clone(l.sorts) }

// Filter is the filter source in the bar.
func (l *List) Filter() string { return l.filter.Value() }

// Selection is what a bulk action applies to: everything matching the
// filter (ctrl+a), the marked rows, or else the row under the cursor.
func (l *List) Selection() (Selection, bool) {
	sel := Selection{Object: l.object.Name}
	switch {
	case l.allSelected:
		sel.All, sel.Filter = true, l.queryFil
	case len(l.selected) > 0:
		for id := range l.selected {
			sel.IDs = append(sel.IDs, id)
		}
		sort.Slice(sel.IDs, func(i, j int) bool { return sel.IDs[i] < sel.IDs[j] })
	default:
		r, ok := l.Current()
		if !ok {
			return sel, false
		}
		sel.IDs = []int64{r.ID}
	}
	return sel, true
}

// ClearSelection unmarks every row (the root calls it after a bulk action).
func (l *List) ClearSelection() {
	l.allSelected = false
	clear(l.selected)
}

// SelectedCount is the number of marked rows; with all selected, the total.
func (l *List) SelectedCount() int64 {
	if l.allSelected {
		return max(l.total, 0)
	}
	return int64(len(l.selected))
}

func (l *List) isSelected(id int64) bool { return l.allSelected || l.selected[id] }

// ---- dialogs ----

func (l *List) openDialog(d Dialog) {
	d.SetSize(l.width, l.height)
	l.dialog = d
}

// Dialog is the open overlay, if any (for the root's help: the dialog key
// map applies while one is open).
func (l *List) Dialog() Dialog { return l.dialog }

func (l *List) updateDialog(msg tea.Msg) tea.Cmd {
	_, cmd := l.dialog.Update(msg)
	if !l.dialog.Closed() {
		return cmd
	}
	d := l.dialog
	l.dialog = nil
	switch d := d.(type) {
	case *SortEditor:
		if sorts, ok := d.Result(); ok {
			l.sorts = sorts
			return tea.Batch(cmd, l.startQuery())
		}
	case *ColumnChooser:
		if cols, ok := d.Result(); ok {
			l.cols = resolveColumns(l.object, cols)
			l.colCursor = min(l.colCursor, max(len(l.cols)-1, 0))
			l.ensureColVisible()
		}
	case *Prompt:
		if name, ok := d.Result(); ok && name != "" {
			v := l.CurrentView()
			v.Name, v.Default = name, false
			l.view = v
			return tea.Batch(cmd, emit(SaveViewMsg{Object: l.object.Name, View: v}))
		}
	}
	return cmd
}

// ---- columns ----

// resolveColumns turns saved columns into drawable ones: the label field
// first (pinned), then the view's columns that still exist. With no saved
// columns, the object's first visible non-system fields are shown.
func resolveColumns(obj model.Object, saved []Column) []listCol {
	var cols []listCol
	labelF, ok := obj.Field(obj.LabelField)
	if !ok {
		labelF = model.Field{Name: obj.LabelField, Label: "Name", Type: model.TypeText}
	}
	label := listCol{field: labelF, width: 24, label: true, auto: true}
	for _, c := range saved {
		if c.Field == labelF.Name && c.Width > 0 {
			label.width, label.auto = c.Width, false
		}
	}
	cols = append(cols, label)
	add := func(f model.Field, w int) {
		auto := w <= 0
		if auto {
			w = max(defaultWidth(f), Width(f.Label))
		}
		cols = append(cols, listCol{field: f, width: w, right: rightAligned(f.Type), auto: auto})
	}
	if len(saved) == 0 {
		for _, f := range obj.Fields {
			if f.Name == labelF.Name || f.Hidden || f.System || f.Type == model.TypeRichText {
				continue
			}
			if add(f, 0); len(cols) > 6 {
				break
			}
		}
		return cols
	}
	for _, c := range saved {
		if c.Field == labelF.Name {
			continue
		}
		if f, ok := obj.Field(c.Field); ok {
			add(f, c.Width)
		}
	}
	return cols
}

// columns is the view's column list as saved (label field included, so
// its width is kept).
func (l *List) columns() []Column {
	out := make([]Column, 0, len(l.cols))
	for _, c := range l.cols {
		w := c.width
		if c.auto {
			w = 0
		}
		out = append(out, Column{Field: c.field.Name, Width: w})
	}
	return out
}

// layoutCols decides which columns fit: the label column always, then
// columns from colOffset on while at least 3 cells of each remain.
func (l *List) layoutCols() (idx, widths []int) {
	avail := l.width - gutterWidth
	if len(l.cols) == 0 || avail <= 0 {
		return nil, nil
	}
	w0 := min(l.cols[0].width, avail)
	idx, widths = append(idx, 0), append(widths, w0)
	avail -= w0
	for i := max(l.colOffset, 1); i < len(l.cols); i++ {
		avail-- // separator
		w := min(l.cols[i].width, avail)
		if w < min(l.cols[i].width, 3) {
			break
		}
		idx, widths = append(idx, i), append(widths, w)
		avail -= w
	}
	return idx, widths
}

// ensureColVisible scrolls the columns so the column cursor is drawn.
func (l *List) ensureColVisible() {
	l.colOffset = max(l.colOffset, 1)
	if l.colCursor == 0 {
		return
	}
	if l.colCursor < l.colOffset {
		l.colOffset = l.colCursor
	}
	for l.colOffset < l.colCursor {
		idx, _ := l.layoutCols()
		if slices.Contains(idx, l.colCursor) {
			break
		}
		l.colOffset++
	}
}

// ---- hit testing ----

// RowAt maps a point relative to the list's origin to an absolute row
// index. Rows not loaded or beyond the result do not hit.
func (l *List) RowAt(x, y int) (int64, bool) {
	body := y - l.filterLines() - 1
	if x < 0 || x >= l.width || body < 0 || body >= l.bodyHeight() {
		return 0, false
	}
	row := l.top + int64(body)
	if _, ok := l.win.at(row); !ok {
		return 0, false
	}
	return row, true
}

// ColumnAt maps an x offset to a column index (of the view's columns).
func (l *List) ColumnAt(x, _ int) (int, bool) {
	idx, widths := l.layoutCols()
	pos := gutterWidth
	for i, c := range idx {
		if x >= pos && x < pos+widths[i] {
			return c, true
		}
		pos += widths[i] + 1
	}
	return 0, false
}

// ---- drawing ----

// View draws exactly height lines of exactly width cells.
func (l *List) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	lines := make([]string, 0, l.height)
	if l.filterLines() > 0 {
		lines = append(lines, strings.Split(l.filter.View(), "\n")...)
	}
	idx, widths := l.layoutCols()
	lines = append(lines, l.headerLine(idx, widths))
	for i := range l.bodyHeight() {
		lines = append(lines, l.rowLine(l.top+int64(i), idx, widths))
	}
	lines = append(lines, l.footerLine())
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	lines = lines[:l.height]
	for i := range lines {
		lines[i] = Fit(lines[i], l.width)
	}
	out := strings.Join(lines, "\n")
	if l.dialog != nil {
		out = Overlay(out, l.dialog.View(), l.width, l.height)
	}
	return out
}

func (l *List) headerLine(idx, widths []int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range idx {
		if i > 0 {
			b.WriteByte(' ')
		}
		col := l.cols[c]
		title := Sanitize(col.field.Label)
		if title == "" {
			title = col.field.Name
		}
		for si, s := range l.sorts {
			if s.Field == col.field.Name {
				arrow := "▲"
				if s.Desc {
					arrow = "▼"
				}
				if len(l.sorts) > 1 {
					arrow += string(rune('1' + min(si, 8)))
				}
				title += " " + arrow
			}
		}
		cell := Fit(title, widths[i])
		if col.right {
			cell = FitRight(title, widths[i])
		}
		st := l.styles.Header
		if c == l.colCursor && l.focused {
			st = l.styles.HeaderActive
		}
		b.WriteString(st.Render(cell))
	}
	return b.String()
}

func (l *List) rowLine(row int64, idx, widths []int) string {
	rec, ok := l.win.at(row)
	if !ok {
		switch {
		case l.win.empty() && row == l.top:
			return l.emptyLine()
		case l.win.empty() || l.total >= 0 && row >= l.total:
			return ""
		}
		return l.styles.Muted.Render("  …") // not loaded yet
	}
	isCursor := row == l.cursor && l.focused
	sel := l.isSelected(rec.ID)
	base := l.styles.Cell
	switch {
	case isCursor:
		base = l.styles.CursorRow
	case sel:
		base = l.styles.SelectedRow
	}
	var b strings.Builder
	mark := " "
	if row == l.cursor {
		mark = "›"
	}
	selMark := " "
	if sel {
		selMark = "✓"
	}
	// Most rows are unstyled: writing their text directly instead of
	// through Style.Render per cell keeps a full-screen frame cheap.
	plain := !isCursor && !sel
	paint := func(st lipgloss.Style, s string) string {
		if plain {
			return s
		}
		return st.Render(s)
	}
	b.WriteString(paint(base, mark))
	b.WriteString(paint(l.styles.Marker.Inherit(base), selMark))
	for i, c := range idx {
		if i > 0 {
			b.WriteString(paint(base, " "))
		}
		col := l.cols[c]
		text := l.cellText(rec, col)
		var cell string
		if col.right {
			cell = FitRight(Sanitize(text), widths[i])
		} else {
			cell = Fit(Sanitize(text), widths[i])
		}
		st, styled := base, !plain
		if isCursor && c == l.colCursor {
			st = l.styles.CursorCell
		} else if col.field.Type == model.TypeSelect {
			if o, ok := col.field.Option(rec.Get(col.field.Name).Str); ok && o.Color != "" && !l.styles.NoColor {
				st, styled = l.styles.OptionStyle(o.Color).Inherit(base), true
			}
		}
		if styled {
			cell = st.Render(cell)
		}
		b.WriteString(cell)
	}
	if isCursor {
		// Extend the highlight to the right edge.
		if pad := l.width - Width(b.String()); pad > 0 {
			b.WriteString(base.Render(strings.Repeat(" ", pad)))
		}
	}
	return b.String()
}

func (l *List) emptyLine() string {
	switch {
	case l.pendingReq != 0:
		return l.styles.Muted.Render("  loading…")
	case l.queryFil != "":
		return l.styles.Muted.Render("  No records match the filter.")
	}
	return l.styles.Muted.Render("  No " + strings.ToLower(Sanitize(l.object.Plural)) + " yet. Press n to add one.")
}

func (l *List) cellText(rec *model.Record, col listCol) string {
	v := rec.Get(col.field.Name)
	if col.label && !v.Valid {
		return rec.Label
	}
	return cellValue(col.field, v, l.now())
}

func (l *List) footerLine() string {
	var parts []string
	switch {
	case l.win.empty() && l.total <= 0:
		if l.total == 0 {
			parts = append(parts, "0 records")
		}
	case l.total >= 0:
		parts = append(parts, groupThousands(l.cursor+1)+" of "+groupThousands(l.total))
	default:
		// Before the exact count the cursor's number is known only from
		// the start; after G it is not known at all.
		pos, of := groupThousands(l.cursor+1), "…"
		if l.unplaced {
			pos = "…"
		}
		if l.atLeast > 0 {
			of = groupThousands(l.atLeast) + "+"
		}
		parts = append(parts, pos+" of "+of)
	}
	if n := l.SelectedCount(); n > 0 {
		if l.allSelected {
			parts = append(parts, "all "+groupThousands(n)+" selected")
		} else {
			parts = append(parts, groupThousands(n)+" selected")
		}
	}
	if l.pendingReq != 0 && !l.win.empty() {
		parts = append(parts, "loading…")
	}
	left := " " + strings.Join(parts, " · ")
	right := ""
	if l.view.Name != "" {
		right = "view: " + Sanitize(l.view.Name) + " "
	}
	gap := l.width - Width(left) - Width(right)
	if gap < 1 {
		return l.styles.Muted.Render(left)
	}
	return l.styles.Muted.Render(left + strings.Repeat(" ", gap) + right)
}
