package views

import (
	"strconv"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

var boardIDs atomic.Int64

const (
	boardPage       = 25 // cards per column page
	boardChunks     = 8  // pages a column keeps: at most 200 cards in memory
	boardMargin     = 3  // cards from a window edge at which the next page is asked for
	boardStaleDays  = 14 // days in a stage before a card is marked
	boardColMinW    = 22
	boardColMaxW    = 34
	boardCollapsedW = 5
	boardCardH      = 4 // three lines and a gap
	boardHeaderH    = 3 // name + count, sums, rule
)

// boardSeekPages bounds how many pages SeekCard reads down a column
// looking for its card (a thousand cards or more), so a card that is gone,
// or very far down, costs a bounded number of queries.
const boardSeekPages = 40

// boardCol is one column's state: its spec, its window of cards, the
// counts from SQL and its own cursor and scroll.
type boardCol struct {
	spec      BoardColumn
	win       window
	total     BoardTotal
	counted   bool
	cur, top  int64 // absolute card indices
	collapsed bool
	loaded    bool // a first page has arrived
	pending   int  // request awaited, 0 = none
	pendDir   PageDir
}

// Board is the kanban board of one object grouped by one field. It draws
// what it is given and emits intents; see board_messages.go.
type Board struct {
	id     int
	keys   keymap.Board
	dkeys  keymap.Dialog
	styles Styles
	opt    BoardOptions
	now    func() time.Time
	w, h   int

	spec   BoardSpec
	cols   []*boardCol
	col    int // column cursor
	left   int // first column drawn
	filter *FilterBar
	user   string // the user's filter as applied

	req       int
	totalsReq int
	seq       int
	undo      []boardUndo
	inflight  map[int]boardUndo // moves written but not answered, by Seq
	dialog    Dialog
	dialogFor boardDialog
	pending   *pendingCard // the card a prompt or picker acts on
	focusID   int64        // a card to put the cursor on when it arrives
	seek      int          // pages SeekCard may still read to find focusID
	errText   string
}

// NewBoard returns a board for spec. Call Load (or SetSize, which loads
// what became visible) to start fetching.
func NewBoard(km keymap.KeyMap, st Styles, spec BoardSpec, opt BoardOptions) *Board {
	if opt.StaleDays <= 0 {
		opt.StaleDays = boardStaleDays
	}
	b := &Board{
		id: int(boardIDs.Add(1)), keys: km.Board, dkeys: km.Dialog, styles: st, opt: opt, now: time.Now,
		spec: spec, filter: NewFilterBar(km.FilterBar, st), inflight: map[int]boardUndo{},
	}
	for _, c := range spec.Columns {
		bc := &boardCol{spec: c}
		bc.win.maxChunks = boardChunks
		bc.collapsed = opt.CollapseClosed && (c.Kind == model.StageWon || c.Kind == model.StageLost)
		b.cols = append(b.cols, bc)
	}
	return b
}

// ID identifies the board in requests.
func (b *Board) ID() int { return b.id }

// Spec is what the board shows.
func (b *Board) Spec() BoardSpec { return b.spec }

// SetClock sets the clock for overdue and stale marks (tests pin it).
func (b *Board) SetClock(now func() time.Time) { b.now = now }

// SetStyles applies rebuilt styles.
func (b *Board) SetStyles(s Styles) { b.styles = s; b.filter.SetStyles(s) }

// CapturesKeys reports that typed keys are text (the filter, a prompt) or
// belong to a dialog.
func (b *Board) CapturesKeys() bool { return b.dialog != nil || b.filter.Focused() }

// Filter is the applied filter source.
func (b *Board) Filter() string { return b.user }

// SetFilter applies a filter without typing it (a restored board).
func (b *Board) SetFilter(src string) { b.filter.SetValue(src); b.user = src }

// FocusCard puts the cursor on the card with this id once it is loaded in
// the current column (after a reload, or a card created in it).
func (b *Board) FocusCard(id int64) { b.focusID = id; b.applyFocus() }

// SeekCard puts the cursor on card r: the column of its value (opened if
// collapsed) and, as the column loads, the card itself. Unlike FocusCard
// it reads further pages until the card is found (at most boardSeekPages),
// so a card deep in a long column is reached too.
func (b *Board) SeekCard(r model.Record) {
	if i := b.spec.ColumnOf(r.Get(b.spec.Field.Name)); i >= 0 {
		b.col = i
		b.cols[i].collapsed = false
		b.scrollColumns()
	}
	b.focusID, b.seek = r.ID, boardSeekPages
	b.applyFocus()
}

// Count is the number of records on the board (every column, under the
// filter); ok is false until the totals have arrived.
func (b *Board) Count() (n int64, ok bool) {
	for _, c := range b.cols {
		if !c.counted {
			return 0, false
		}
		n += c.total.Count
	}
	return n, true
}

// SetError shows an error on the board's title line until the next key.
func (b *Board) SetError(msg string) { b.errText = msg }

// Current is the card under the cursor.
func (b *Board) Current() (model.Record, bool) {
	c := b.curCol()
	if c == nil || c.collapsed {
		return model.Record{}, false
	}
	r, ok := c.win.at(c.cur)
	if !ok {
		return model.Record{}, false
	}
	return *r, true
}

// Column is the column under the cursor and its index.
func (b *Board) Column() (BoardColumn, int) {
	if c := b.curCol(); c != nil {
		return c.spec, b.col
	}
	return BoardColumn{}, -1
}

func (b *Board) curCol() *boardCol {
	if b.col < 0 || b.col >= len(b.cols) {
		return nil
	}
	return b.cols[b.col]
}

func (b *Board) SetSize(w, h int) {
	b.w, b.h = max(w, 0), max(h, 0)
	b.filter.SetWidth(b.w)
	if b.dialog != nil {
		b.dialog.SetSize(b.w, b.h)
	}
	b.scrollColumns()
	for _, c := range b.cols {
		b.scrollCards(c)
	}
}

// Load starts the board: totals and the first page of every column that
// is drawn. The root calls it once after NewBoard and SetSize.
func (b *Board) Load() tea.Cmd { return b.reload(true) }

// Refresh re-reads totals and the drawn columns from their first page,
// keeping the cursor on the same card if it is still there.
func (b *Board) Refresh() tea.Cmd {
	if r, ok := b.Current(); ok {
		b.focusID = r.ID
	}
	// What is re-read supersedes the answers of moves still on their way
	// (they are written all the same; their cards come from the database).
	clear(b.inflight)
	return b.reload(true)
}

// reload forgets every loaded card and asks again.
func (b *Board) reload(totals bool) tea.Cmd {
	for _, c := range b.cols {
		c.win.clear()
		c.loaded, c.pending = false, 0
		c.cur, c.top = 0, 0
	}
	return b.request(totals, nil)
}

// request emits one BoardLoadRequest with the totals (if asked), the
// extra queries given, and first pages for drawn columns not loaded yet.
func (b *Board) request(totals bool, extra []BoardColumnQuery) tea.Cmd {
	r := BoardLoadRequest{Board: b.id, Object: b.spec.Object.Name, Field: b.spec.Field.Name, Pipeline: b.spec.Pipeline.ID,
		SumField: b.spec.SumField, Filter: b.spec.ColumnFilter(b.user, -1), UserSrc: b.user}
	if totals {
		b.req++
		b.totalsReq = b.req
		r.TotalsReq = b.req
	}
	r.Cols = append(r.Cols, extra...)
	if b.w > 0 {
		first, last := b.visibleCols()
		for i := first; i <= last && i < len(b.cols); i++ {
			c := b.cols[i]
			if c.collapsed || c.loaded || c.pending != 0 {
				continue
			}
			r.Cols = append(r.Cols, b.colQuery(i, DirFirst, ""))
		}
	}
	if r.TotalsReq == 0 && len(r.Cols) == 0 {
		return nil
	}
	return emit(r)
}

func (b *Board) colQuery(i int, dir PageDir, cur model.Cursor) BoardColumnQuery {
	b.req++
	c := b.cols[i]
	c.pending, c.pendDir = b.req, dir
	return BoardColumnQuery{Col: i, Req: b.req, Filter: b.spec.ColumnFilter(b.user, i), Dir: dir, Cursor: cur, Limit: b.pageSize()}
}

// pageSize is a page that more than fills a column on screen.
func (b *Board) pageSize() int { return max(boardPage, 2*b.cardsFit()) }

// ApplyLoad takes the answer to a BoardLoadRequest. Answers for another
// board or to superseded requests are dropped. err (a filter error, say)
// is shown on the filter line; span places it in the user's filter.
func (b *Board) ApplyLoad(boardID int, totalsReq int, totals map[string]BoardTotal, pages []BoardPage, errSpan *ErrorSpan, err error) tea.Cmd {
	if boardID != b.id {
		return nil
	}
	if err != nil {
		for _, p := range pages {
			if c := b.colAt(p.Query.Col); c != nil && c.pending == p.Query.Req {
				c.pending = 0
			}
		}
		if errSpan != nil {
			b.filter.SetError(b.user, errSpan)
		} else {
			b.errText = err.Error()
		}
		return nil
	}
	b.filter.SetError(b.user, nil)
	if totalsReq != 0 && totalsReq == b.totalsReq {
		for _, c := range b.cols {
			c.total, c.counted = totals[c.spec.Key], true
		}
	}
	var more []BoardColumnQuery
	for _, p := range pages {
		c := b.colAt(p.Query.Col)
		if c == nil || c.pending != p.Query.Req {
			continue
		}
		c.pending = 0
		ch := chunk{recs: p.Page.Records, prev: p.Page.Prev, next: p.Page.Next}
		switch p.Query.Dir {
		case DirNext:
			c.win.appendChunk(ch)
		case DirPrev:
			c.win.prependChunk(ch)
		case DirLast:
			start := max(c.total.Count-int64(len(ch.recs)), 0)
			c.win.reset(start, ch)
			c.cur = max(c.win.end()-1, 0)
		default:
			c.win.reset(0, ch)
			c.cur = min(c.cur, max(c.win.end()-1, 0))
		}
		c.loaded = true
		if q, ok := b.seekQuery(p.Query.Col); ok {
			more = append(more, q)
			continue
		}
		b.scrollCards(c)
		if q, ok := b.edgeQuery(p.Query.Col); ok {
			more = append(more, q)
		}
	}
	b.applyFocus()
	if len(more) > 0 {
		return b.request(false, more)
	}
	return nil
}

func (b *Board) colAt(i int) *boardCol {
	if i < 0 || i >= len(b.cols) {
		return nil
	}
	return b.cols[i]
}

// applyFocus moves the cursor to focusID if the current column holds it.
func (b *Board) applyFocus() {
	if b.focusID == 0 {
		return
	}
	c := b.curCol()
	if c == nil {
		return
	}
	for i := c.win.start; i < c.win.end(); i++ {
		if r, _ := c.win.at(i); r != nil && r.ID == b.focusID {
			c.cur = i
			b.focusID = 0
			b.scrollCards(c)
			return
		}
	}
}

// seekQuery asks for column i's next page while SeekCard's card is not in
// its window yet. The cursor rides the window's last card meanwhile, so
// the pages dropped from the front (the window keeps boardChunks) never
// leave it outside. Past the bound, or at the column's end, the seek stops
// with a note and the cursor on the window's first card.
func (b *Board) seekQuery(i int) (BoardColumnQuery, bool) {
	c := b.cols[i]
	if b.focusID == 0 || b.seek <= 0 || i != b.col {
		return BoardColumnQuery{}, false
	}
	if _, found := c.win.indexOf(b.focusID); found {
		b.seek = 0 // applyFocus puts the cursor on it
		return BoardColumnQuery{}, false
	}
	b.seek--
	if !c.win.hasNext() || b.seek == 0 {
		b.focusID, b.seek = 0, 0
		c.cur = c.win.start
		b.scrollCards(c)
		b.errText = "the card is not among the column's first " + boardItoa(int64(boardSeekPages*b.pageSize())) + " cards under this filter"
		if !c.win.hasNext() {
			b.errText = "the card is not in this column under the board's filter"
		}
		return BoardColumnQuery{}, false
	}
	c.cur = max(c.win.end()-1, c.win.start)
	b.scrollCards(c)
	return b.colQuery(i, DirNext, c.win.lastCursor()), true
}

// edgeQuery asks for the next or previous page when column i's cursor is
// near a loaded edge.
func (b *Board) edgeQuery(i int) (BoardColumnQuery, bool) {
	c := b.cols[i]
	if c.pending != 0 || !c.loaded || c.collapsed {
		return BoardColumnQuery{}, false
	}
	if c.cur >= c.win.end()-boardMargin && c.win.hasNext() {
		return b.colQuery(i, DirNext, c.win.lastCursor()), true
	}
	if c.cur < c.win.start+boardMargin && c.win.hasPrev() {
		return b.colQuery(i, DirPrev, c.win.firstCursor()), true
	}
	return BoardColumnQuery{}, false
}

// Update handles keys (and the filter's own ticks via Tick).
func (b *Board) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	b.errText = ""
	if b.dialog != nil {
		return b, b.updateDialog(k)
	}
	if b.filter.Focused() {
		return b, b.updateFilter(k)
	}
	return b, b.updateKey(k)
}

func (b *Board) updateFilter(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case b.filter.IsApply(k):
		b.filter.Blur()
		return b.applyFilter(b.filter.Value())
	case b.filter.IsClear(k):
		b.filter.Blur()
		b.filter.SetValue("")
		return b.applyFilter("")
	}
	return b.filter.Update(k)
}

// Tick takes the filter bar's debounce ticks: the board filters as you
// type, like the list. ok reports that msg was one of them.
func (b *Board) Tick(msg tea.Msg) (tea.Cmd, bool) {
	src, ok := b.filter.Tick(msg)
	if !ok {
		return nil, false
	}
	return b.applyFilter(src), true
}

func (b *Board) applyFilter(src string) tea.Cmd {
	b.filter.Applied(src)
	if src == b.user {
		return nil
	}
	b.user = src
	return b.Refresh()
}

func (b *Board) updateKey(k tea.KeyPressMsg) tea.Cmd {
	km := b.keys
	switch {
	case key.Matches(k, km.Left):
		return b.moveCol(-1)
	case key.Matches(k, km.Right):
		return b.moveCol(1)
	case key.Matches(k, km.Up):
		return b.moveCard(-1)
	case key.Matches(k, km.Down):
		return b.moveCard(1)
	case key.Matches(k, km.First):
		return b.jump(false)
	case key.Matches(k, km.Last):
		return b.jump(true)
	case key.Matches(k, km.MovePrev):
		return b.shiftStage(-1)
	case key.Matches(k, km.MoveNext):
		return b.shiftStage(1)
	case key.Matches(k, km.MoveUp):
		return b.reorder(-1)
	case key.Matches(k, km.MoveDown):
		return b.reorder(1)
	case key.Matches(k, km.MoveTo):
		b.openMovePicker()
	case key.Matches(k, km.Won):
		return b.markClosed(model.StageWon)
	case key.Matches(k, km.Lost):
		return b.markClosed(model.StageLost)
	case key.Matches(k, km.Open):
		if r, ok := b.Current(); ok {
			return emit(OpenRecordMsg{Object: b.spec.Object.Name, ID: r.ID})
		}
	case key.Matches(k, km.New):
		return b.newCard()
	case key.Matches(k, km.Pipeline):
		b.openPipelinePicker()
	case key.Matches(k, km.Filter):
		return b.filter.Focus()
	case key.Matches(k, km.Undo):
		return b.Undo()
	case key.Matches(k, km.Collapse):
		return b.toggleCollapse()
	case key.Matches(k, km.Stages):
		b.openStages()
	case key.Matches(k, km.Pick):
		return emit(PickBoardMsg{})
	case key.Matches(k, km.Back, km.Toggle):
		return emit(CloseBoardMsg{})
	}
	return nil
}

func (b *Board) moveCol(d int) tea.Cmd {
	if b.seek > 0 {
		// Leaving the column gives up on SeekCard's card: it is not
		// looked for in another column, where it cannot be.
		b.focusID, b.seek = 0, 0
	}
	b.col = max(0, min(b.col+d, len(b.cols)-1))
	b.scrollColumns()
	return b.request(false, nil)
}

func (b *Board) moveCard(d int) tea.Cmd {
	c := b.curCol()
	if c == nil || c.collapsed || c.win.empty() {
		return nil
	}
	c.cur = max(c.win.start, min(c.cur+int64(d), c.win.end()-1))
	b.scrollCards(c)
	if q, ok := b.edgeQuery(b.col); ok {
		return b.request(false, []BoardColumnQuery{q})
	}
	return nil
}

// jump goes to the first or last card of the column, loading that end
// if the window does not hold it.
func (b *Board) jump(last bool) tea.Cmd {
	c := b.curCol()
	if c == nil || c.collapsed || !c.loaded {
		return nil
	}
	switch {
	case !last && !c.win.hasPrev():
		c.cur = c.win.start
	case last && !c.win.hasNext():
		c.cur = max(c.win.end()-1, 0)
	case last:
		return b.request(false, []BoardColumnQuery{b.colQuery(b.col, DirLast, "")})
	default:
		c.cur = 0
		return b.request(false, []BoardColumnQuery{b.colQuery(b.col, DirFirst, "")})
	}
	b.scrollCards(c)
	return nil
}

func (b *Board) toggleCollapse() tea.Cmd {
	c := b.curCol()
	if c == nil {
		return nil
	}
	c.collapsed = !c.collapsed
	b.scrollColumns()
	return b.request(false, nil)
}

// ---- layout arithmetic ----

// colWidth is the width of an expanded column: as many as fit at the
// minimum width, then widened to use the space (up to a maximum).
func (b *Board) colWidth() int {
	n := max((b.w+1)/(boardColMinW+1), 1)
	expanded := 0
	for _, c := range b.cols {
		if !c.collapsed {
			expanded++
		}
	}
	n = max(min(n, expanded), 1)
	return max(min((b.w-(n-1))/n, boardColMaxW), min(boardColMinW, b.w))
}

func (b *Board) width(c *boardCol) int {
	if c.collapsed {
		return boardCollapsedW
	}
	return b.colWidth()
}

// visibleCols is the range of columns drawn from b.left.
func (b *Board) visibleCols() (first, last int) {
	used := 0
	last = b.left
	for i := b.left; i < len(b.cols); i++ {
		w := b.width(b.cols[i])
		if i > b.left {
			w++ // the gap
		}
		if used+w > b.w && i > b.left {
			break
		}
		used += w
		last = i
	}
	return b.left, last
}

// scrollColumns keeps the cursor column on screen.
func (b *Board) scrollColumns() {
	if len(b.cols) == 0 {
		return
	}
	b.col = max(0, min(b.col, len(b.cols)-1))
	if b.col < b.left {
		b.left = b.col
	}
	for b.left < b.col {
		if _, last := b.visibleCols(); last >= b.col {
			break
		}
		b.left++
	}
}

// cardsFit is how many cards a column shows at once.
func (b *Board) cardsFit() int {
	return max((b.bodyH()-1)/boardCardH, 1)
}

// bodyH is the height under the title, filter and column headers.
func (b *Board) bodyH() int {
	return max(b.h-1-b.filterLines()-boardHeaderH, 1)
}

func (b *Board) filterLines() int {
	if b.filter.Focused() || b.user != "" || b.filter.Err() != nil {
		return b.filter.Lines()
	}
	return 0
}

// scrollCards keeps a column's cursor card on screen.
func (b *Board) scrollCards(c *boardCol) {
	fit := int64(b.cardsFit())
	if c.cur < c.top {
		c.top = c.cur
	}
	if c.cur >= c.top+fit {
		c.top = c.cur - fit + 1
	}
	c.top = max(c.top, 0)
}

// ---- small helpers ----

func (b *Board) colIndex(kind model.StageKind) int {
	for i, c := range b.cols {
		if c.spec.Kind == kind {
			return i
		}
	}
	return -1
}

func boardItoa(n int64) string { return strconv.FormatInt(n, 10) }

// Totals is each column's count and sums as shown, by column key.
func (b *Board) Totals() map[string]BoardTotal {
	out := make(map[string]BoardTotal, len(b.cols))
	for _, c := range b.cols {
		if c.counted {
			out[c.spec.Key] = c.total
		}
	}
	return out
}

// Cards is the loaded window of every column (at most a few pages each).
func (b *Board) Cards() [][]model.Record {
	out := make([][]model.Record, len(b.cols))
	for i, c := range b.cols {
		for j := c.win.start; j < c.win.end(); j++ {
			if r, ok := c.win.at(j); ok {
				out[i] = append(out[i], *r)
			}
		}
	}
	return out
}
