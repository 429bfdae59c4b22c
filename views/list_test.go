package views

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/internal/termtest"
	"rolo/model"
)

func TestListFirstPageAndFooter(t *testing.T) {
	l, s := newTestList(t, 1_000_000, 80, 24)
	if len(s.requests) != 1 || s.requests[0].Dir != DirFirst || !s.requests[0].Count {
		t.Fatalf("requests %+v", s.requests)
	}
	if l.Total() != 1_000_000 || l.Cursor() != 0 {
		t.Fatalf("total %d cursor %d", l.Total(), l.Cursor())
	}
	if !strings.Contains(ansi.Strip(l.View()), "1 of 1,000,000") {
		t.Errorf("footer lacks position:\n%s", ansi.Strip(l.View()))
	}
}

func TestListVirtualScrollingStaysBounded(t *testing.T) {
	l, s := newTestList(t, 1_000_000, 80, 24)
	for range 1000 {
		press(t, l, s, "pgdown")
		if l.win.n > windowPages*l.pageSize {
			t.Fatalf("window holds %d rows", l.win.n)
		}
	}
	// Each pgdn moves one body height; the cursor's absolute index and the
	// row under it agree with the store.
	want := int64(1000 * l.bodyHeight())
	if l.Cursor() != want {
		t.Fatalf("cursor %d, want %d", l.Cursor(), want)
	}
	r, ok := l.Current()
	if !ok || r.ID != want+1 {
		t.Fatalf("row under cursor %d (ok %v), want id %d", r.ID, ok, want+1)
	}
	// And back up again, paging backward through trimmed pages.
	for range 1000 {
		press(t, l, s, "pgup")
	}
	if r, _ := l.Current(); l.Cursor() != 0 || r.ID != 1 {
		t.Fatalf("back at cursor %d id %d", l.Cursor(), r.ID)
	}
	var prev int
	for _, r := range s.requests {
		if r.Dir == DirPrev {
			prev++
		}
	}
	if prev == 0 {
		t.Error("scrolling back never requested a previous page")
	}
}

func TestListLastAndFirst(t *testing.T) {
	l, s := newTestList(t, 1_000_000, 80, 24)
	press(t, l, s, "G")
	if l.Cursor() != 999_999 {
		t.Fatalf("G: cursor %d", l.Cursor())
	}
	if r, _ := l.Current(); r.ID != 1_000_000 {
		t.Fatalf("G: row id %d", r.ID)
	}
	if !strings.Contains(ansi.Strip(l.View()), "1,000,000 of 1,000,000") {
		t.Errorf("footer after G:\n%s", ansi.Strip(l.View()))
	}
	press(t, l, s, "k", "k")
	if r, _ := l.Current(); l.Cursor() != 999_997 || r.ID != 999_998 {
		t.Fatalf("k after G: cursor %d id %d", l.Cursor(), r.ID)
	}
	// Scrolling up from the end pages backward with correct positions.
	for range 200 {
		press(t, l, s, "ctrl+u")
	}
	if r, _ := l.Current(); r.ID != l.Cursor()+1 {
		t.Fatalf("position drifted: cursor %d id %d", l.Cursor(), r.ID)
	}
	press(t, l, s, "g")
	if r, _ := l.Current(); l.Cursor() != 0 || r.ID != 1 {
		t.Fatalf("g: cursor %d id %d", l.Cursor(), r.ID)
	}
}

// G before the count arrives: the window is placed once SetTotal comes.
func TestListLastBeforeCount(t *testing.T) {
	l, s := newTestList(t, 500, 80, 24)
	l.total = -1
	_, cmd := l.Update(kp("G"))
	req := cmd().(PageRequest)
	l.ApplyPage(req.Req, req.Dir, s.page(req))
	l.SetTotal(req.Req, 500)
	if r, _ := l.Current(); l.Cursor() != 499 || r.ID != 500 {
		t.Fatalf("cursor %d id %d", l.Cursor(), r.ID)
	}
}

func TestListStalePagesIgnored(t *testing.T) {
	l, s := newTestList(t, 10_000, 80, 24)
	_, cmd := l.Update(kp("G"))
	stale := cmd().(PageRequest)
	_, cmd = l.Update(kp("g")) // cursor is at 0 with no rows before: handled locally
	if cmd != nil {
		t.Fatalf("g at the top requested %v", cmd())
	}
	// A new query supersedes the pending G.
	cmd = l.ApplyView(SavedView{Name: "x"})
	fresh := cmd().(PageRequest)
	if ok, _ := l.ApplyPage(stale.Req, stale.Dir, s.page(stale)); ok {
		t.Fatal("stale page applied")
	}
	l.SetTotal(stale.Req, 7) // older query's count
	if ok, _ := l.ApplyPage(fresh.Req, fresh.Dir, s.page(fresh)); !ok {
		t.Fatal("fresh page refused")
	}
	if l.Cursor() != 0 || l.Total() == 7 {
		t.Fatalf("cursor %d total %d", l.Cursor(), l.Total())
	}
}

func TestListSmallResultKnowsItsEnd(t *testing.T) {
	l, s := newTestList(t, 5, 80, 24)
	press(t, l, s, "G", "j", "j")
	if l.Cursor() != 4 || l.Total() != 5 {
		t.Fatalf("cursor %d total %d", l.Cursor(), l.Total())
	}
	for _, r := range s.requests[1:] {
		t.Errorf("unneeded request %+v", r)
	}
}

func TestListEmpty(t *testing.T) {
	l, _ := newTestList(t, 0, 60, 10)
	out := ansi.Strip(l.View())
	if !strings.Contains(out, "No companies yet") || !strings.Contains(out, "0 records") {
		t.Errorf("empty list:\n%s", out)
	}
	press(t, l, &fakeStore{}, "j", "enter", "G", "space", "d")
}

func TestListSortByColumn(t *testing.T) {
	l, s := newTestList(t, 100, 120, 24)
	press(t, l, s, "l") // column cursor on City
	press(t, l, s, "s")
	last := s.requests[len(s.requests)-1]
	if last.Dir != DirFirst || !last.Count || len(last.Sorts) != 1 || last.Sorts[0] != (model.Sort{Field: "city"}) {
		t.Fatalf("s: request %+v", last)
	}
	press(t, l, s, "s")
	if got := s.requests[len(s.requests)-1].Sorts; got[0] != (model.Sort{Field: "city", Desc: true}) {
		t.Fatalf("s again: %+v", got)
	}
	if !strings.Contains(ansi.Strip(l.View()), "City ▼") {
		t.Errorf("header lacks sort arrow:\n%s", ansi.Strip(l.View()))
	}
}

func TestListSortEditor(t *testing.T) {
	l, s := newTestList(t, 100, 100, 30)
	press(t, l, s, "S")
	if !l.CapturesKeys() {
		t.Fatal("dialog open but keys not captured")
	}
	// add name, add city, city descending, move city first, apply
	press(t, l, s, "a", "a", "space", "K", "enter")
	want := []model.Sort{{Field: "city", Desc: true}, {Field: "name"}}
	got := s.requests[len(s.requests)-1].Sorts
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sorts %+v, want %+v", got, want)
	}
	if l.Dialog() != nil {
		t.Fatal("dialog still open")
	}
	// Cancelling changes nothing.
	n := len(s.requests)
	press(t, l, s, "S", "x", "esc")
	if len(s.requests) != n {
		t.Fatal("cancelled editor issued a query")
	}
}

func TestListColumnChooser(t *testing.T) {
	l, s := newTestList(t, 10, 100, 30)
	// cursor: 0 name(pinned), 1 city ... hide city, move employees up, widen it.
	press(t, l, s, "c", "j", "space", "j", "K", "+", "+", "enter")
	cols := l.CurrentView().Columns
	if cols[0].Field != "name" || cols[1].Field != "employees" || cols[1].Width != 11 {
		t.Fatalf("columns %+v", cols)
	}
	for _, c := range cols {
		if c.Field == "city" {
			t.Fatal("city still shown")
		}
	}
}

func TestListSaveAndSwitchViews(t *testing.T) {
	l, s := newTestList(t, 10, 100, 30)
	msgs := press(t, l, s, "V", "H", "o", "t", "enter")
	if len(msgs) != 1 {
		t.Fatalf("msgs %+v", msgs)
	}
	sv, ok := msgs[0].(SaveViewMsg)
	if !ok || sv.View.Name != "Hot" || sv.Object != "companies" || sv.View.Default || len(sv.View.Columns) == 0 {
		t.Fatalf("save: %+v", msgs[0])
	}
	views := []SavedView{{Name: "All companies", Default: true}, sv.View}
	l.SetViews(views)
	msgs = press(t, l, s, "v", "k", "enter")
	sw, ok := msgs[0].(SwitchViewMsg)
	if !ok || sw.View.Name != "All companies" {
		t.Fatalf("switch: %+v", msgs)
	}
	s.drain(t, l, l.ApplyView(sw.View)) // what the root does
	// Rename and delete, with refusals for the default view.
	msgs = press(t, l, s, "v", "r")
	if len(msgs) != 0 || !strings.Contains(ansi.Strip(l.View()), "keeps its name") {
		t.Fatalf("rename of default not refused: %v", msgs)
	}
	msgs = press(t, l, s, "j", "r", "ctrl+u", "W", "a", "r", "m", "enter")
	if rn, ok := msgs[0].(RenameViewMsg); !ok || rn.Old != "Hot" || rn.New != "Warm" {
		t.Fatalf("rename: %+v", msgs)
	}
	msgs = press(t, l, s, "d", "y")
	if dl, ok := msgs[0].(DeleteViewMsg); !ok || dl.Name != "Warm" {
		t.Fatalf("delete: %+v", msgs)
	}
	press(t, l, s, "esc")
	if l.Dialog() != nil {
		t.Fatal("switcher did not close")
	}
}

func TestListSelectionAndBulk(t *testing.T) {
	l, s := newTestList(t, 100, 100, 30)
	press(t, l, s, "space", "space") // selects rows 1 and 2, cursor moves down
	msgs := press(t, l, s, "O")
	if so := msgs[0].(SetOwnerMsg); fmt.Sprint(so.Selection.IDs) != "[1 2]" || so.Selection.All {
		t.Fatalf("owner: %+v", so)
	}
	if !strings.Contains(ansi.Strip(l.View()), "2 selected") {
		t.Error("footer lacks selection count")
	}
	msgs = press(t, l, s, "l", "l", "e")
	if sf := msgs[0].(SetFieldMsg); sf.Field != "employees" || len(sf.Selection.IDs) != 2 {
		t.Fatalf("set field: %+v", sf)
	}
	msgs = press(t, l, s, "d")
	if dm := msgs[0].(DeleteRecordsMsg); fmt.Sprint(dm.Selection.IDs) != "[1 2]" {
		t.Fatalf("delete: %+v", dm)
	}
	if l.SelectedCount() != 0 {
		t.Error("selection kept after delete")
	}
	// ctrl+a selects by filter, not by ids.
	l.filter.SetValue("stage:won")
	msgs = press(t, l, s, "ctrl+a", "d")
	if dm := msgs[0].(DeleteRecordsMsg); !dm.Selection.All || dm.Selection.Filter != l.queryFil || dm.Selection.IDs != nil {
		t.Fatalf("delete all: %+v", dm)
	}
	// Nothing selected: the cursor row.
	msgs = press(t, l, s, "d")
	if dm := msgs[0].(DeleteRecordsMsg); len(dm.Selection.IDs) != 1 || dm.Selection.IDs[0] != l.Cursor()+1 {
		t.Fatalf("delete cursor row: %+v", dm)
	}
	if m := press(t, l, s, "u"); m[0] != (UndoMsg{}) {
		t.Fatalf("undo: %v", m)
	}
}

func TestListIntents(t *testing.T) {
	l, s := newTestList(t, 100, 100, 30)
	press(t, l, s, "j", "j")
	if m := press(t, l, s, "enter"); m[0] != (OpenRecordMsg{Object: "companies", ID: 3}) {
		t.Fatalf("enter: %v", m)
	}
	if m := press(t, l, s, "n"); m[0].(NewRecordMsg).Object != "companies" || m[0].(NewRecordMsg).Prefill != nil {
		t.Fatalf("n: %v", m)
	}
	if m := press(t, l, s, "q"); m[0] != (QuitMsg{}) {
		t.Fatalf("q: %v", m)
	}
}

func TestListFilterDebounce(t *testing.T) {
	l, s := newTestList(t, 100, 100, 30)
	l.Update(kp("/"))
	if !l.CapturesKeys() {
		t.Fatal("filter bar not focused")
	}
	var cmd tea.Cmd
	for _, r := range "city:Berlin" {
		_, cmd = l.Update(kp(string(r)))
	}
	if cmd == nil {
		t.Fatal("typing returned no debounce command")
	}
	n := len(s.requests)
	// An old tick does nothing; only the latest one runs the query.
	old := filterTickMsg{id: l.filter.id, seq: l.filter.seq - 1}
	_, c := l.Update(old)
	s.drain(t, l, c)
	if len(s.requests) != n {
		t.Fatal("stale tick ran a query")
	}
	_, c = l.Update(filterTickMsg{id: l.filter.id + 999, seq: l.filter.seq})
	if c != nil {
		t.Fatal("another bar's tick ran a query")
	}
	_, c = l.Update(filterTickMsg{id: l.filter.id, seq: l.filter.seq})
	s.drain(t, l, c)
	if len(s.requests) != n+1 || s.requests[n].Filter != "city:Berlin" || !s.requests[n].Count {
		t.Fatalf("requests %+v", s.requests[n:])
	}
	// The same tick again (or enter with nothing new) does not re-run.
	_, c = l.Update(filterTickMsg{id: l.filter.id, seq: l.filter.seq})
	_, c2 := l.Update(kp("enter"))
	s.drain(t, l, tea.Batch(c, c2))
	if len(s.requests) != n+1 {
		t.Fatal("unchanged filter re-queried")
	}
	if l.CapturesKeys() {
		t.Fatal("enter did not leave the filter bar")
	}
	// esc clears it and re-queries at once.
	press(t, l, s, "esc")
	if last := s.requests[len(s.requests)-1]; last.Filter != "" || l.Filter() != "" {
		t.Fatalf("esc: %+v", last)
	}
}

// The command FilterBar.Update returns really is a tick that comes back.
func TestFilterBarTickCommand(t *testing.T) {
	l, _ := newTestList(t, 1, 80, 24)
	l.filter.Focus()
	cmd := l.filter.Update(kp("x"))
	msgs := runBatch(cmd, 20*FilterDebounce) // returns at the first tick; the bound only guards a hang
	found := false
	for _, m := range msgs {
		if tm, ok := m.(filterTickMsg); ok && tm.seq == l.filter.seq {
			found = true
		}
	}
	if !found {
		t.Fatalf("no tick among %v", msgs)
	}
}

// runBatch runs the commands of a batch concurrently and returns the
// messages that arrive within d (cursor blinks may take longer).
func runBatch(cmd tea.Cmd, d interface{ Seconds() float64 }) []tea.Msg {
	ch := make(chan tea.Msg, 16)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			m := c()
			if b, ok := m.(tea.BatchMsg); ok {
				for _, c := range b {
					start(c)
				}
				return
			}
			ch <- m
		}()
	}
	start(cmd)
	var out []tea.Msg
	timeout := timeAfter(d)
	for {
		select {
		case m := <-ch:
			out = append(out, m)
			if _, ok := m.(filterTickMsg); ok {
				return out
			}
		case <-timeout:
			return out
		}
	}
}

func TestListFilterError(t *testing.T) {
	l, s := newTestList(t, 100, 80, 24)
	l.Update(kp("/"))
	for _, r := range "stage:wn 東京" {
		l.Update(kp(string(r)))
	}
	_, c := l.Update(filterTickMsg{id: l.filter.id, seq: l.filter.seq})
	req := c().(PageRequest)
	l.SetFilterError(req.Req, &ErrorSpan{Pos: 6, End: 8, Msg: `unknown stage "wn"`})
	if l.Pending() {
		t.Error("request still pending after a parse error")
	}
	out := ansi.Strip(l.View())
	if !strings.Contains(out, `✗ unknown stage "wn"`) {
		t.Fatalf("error not shown:\n%s", out)
	}
	// The old rows stay visible.
	if !strings.Contains(out, "Company 0") {
		t.Errorf("rows vanished on a parse error:\n%s", out)
	}
	termtest.Frame(t, "list_filter_error_80x24", l.View())
	// Fixing the text hides the stale error at once.
	l.Update(kp("x"))
	if l.filter.Err() != nil {
		t.Error("error shown for a different source")
	}
	_ = s
}

func TestListMouse(t *testing.T) {
	l, s := newTestList(t, 1000, 80, 24)
	// y=0 header, rows from y=1.
	l.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if l.Cursor() != 3 {
		t.Fatalf("click: cursor %d", l.Cursor())
	}
	if row, ok := l.RowAt(5, 0); ok {
		t.Fatalf("header hit row %d", row)
	}
	if _, ok := l.RowAt(5, 23); ok {
		t.Fatal("footer hit a row")
	}
	_, cmd := l.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	s.drain(t, l, cmd)
	if l.Cursor() != 3+wheelStep {
		t.Fatalf("wheel: cursor %d", l.Cursor())
	}
	// Click the header of the third column moves the column cursor.
	_, widths := l.layoutCols()
	x := gutterWidth + widths[0] + 1 + widths[1] + 1
	l.Update(tea.MouseClickMsg{X: x, Y: 0, Button: tea.MouseLeft})
	if l.colCursor != 2 {
		t.Fatalf("header click: column %d", l.colCursor)
	}
}

func TestListColumnScrollKeepsCursorVisible(t *testing.T) {
	l, s := newTestList(t, 10, 60, 12)
	for range 10 {
		press(t, l, s, "l")
		idx, _ := l.layoutCols()
		found := false
		for _, i := range idx {
			found = found || i == l.colCursor
		}
		if !found {
			t.Fatalf("column %d not drawn (drawn %v)", l.colCursor, idx)
		}
	}
	if l.colCursor != len(l.cols)-1 {
		t.Fatalf("column cursor %d", l.colCursor)
	}
}

// Every size from 0×0 to 200×200 (sampled) draws without panicking and
// fills exactly the area it was given.
func TestListAnySize(t *testing.T) {
	l, s := newTestList(t, 1000, 80, 24)
	press(t, l, s, "j", "/", "s")
	for w := 0; w <= 200; w += 3 {
		for h := 0; h <= 200; h += 7 {
			l.SetSize(w, h)
			out := l.View()
			checkBlock(t, fmt.Sprintf("list %dx%d", w, h), out, w, h)
			press(t, l, s, "esc", "j", "G", "l", "S", "esc")
		}
	}
}

func checkBlock(t *testing.T, name, out string, w, h int) {
	t.Helper()
	if w <= 0 || h <= 0 {
		if out != "" {
			t.Fatalf("%s: drew %q", name, out)
		}
		return
	}
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines", name, len(lines))
	}
	for i, ln := range lines {
		if got := ansi.StringWidth(ln); got != w {
			t.Fatalf("%s: line %d is %d wide: %q", name, i, got, ansi.Strip(ln))
		}
	}
}

func BenchmarkListView160x48(b *testing.B) {
	t := &testing.T{}
	l, _ := newTestList(t, 1_000_000, 160, 48)
	for b.Loop() {
		_ = l.View()
	}
}

func TestFilterErrorSpanFromModel(t *testing.T) {
	_, err := model.ParseFilter("stage:")
	if err == nil {
		t.Skip("parser accepts an empty value")
	}
	span, ok := FilterErrorSpan(fmt.Errorf("query: %w", err))
	if !ok || span.Msg == "" || span.End < span.Pos {
		t.Fatalf("span %+v ok %v from %v", span, ok, err)
	}
	if _, ok := FilterErrorSpan(fmt.Errorf("disk full")); ok {
		t.Fatal("plain error treated as a filter error")
	}
}
