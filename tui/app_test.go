package tui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

func TestOpensFirstObjectWithCounts(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.want("1 of 12")           // the list's position and total
	hs.want("demo.db · @alice ") // status bar: workspace and member
	hs.want("12 companies")      // status bar: the view's count
	if !regexp.MustCompile(`People +90`).MatchString(hs.screen()) {
		t.Fatalf("the sidebar shows no count of people:\n%s", hs.screen())
	}
	hs.want("All companies") // the default view, in the sidebar and the footer
	if hs.a.phase != phaseReady {
		t.Fatalf("phase = %v, want ready", hs.a.phase)
	}
}

func TestPagingAnswersApplied(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 100, 24, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	hs.want("1 of 90")
	hs.press("j", "j")
	hs.want("3 of 90")
	hs.press("pgdown")
	if c := hs.a.list.Cursor(); c <= 3 {
		t.Fatalf("cursor after pgdown = %d, want past row 3", c)
	}
	hs.press("G")
	hs.want("90 of 90")
	last, ok := hs.a.list.Current()
	if !ok {
		t.Fatal("no record under the cursor after G")
	}
	// The last row drawn is the last person in name order, read from the
	// store's last page.
	p, err := st.Query(context.Background(), "people", model.Query{Last: true, Limit: 1})
	if err != nil || len(p.Records) != 1 {
		t.Fatal(err)
	}
	if last.ID != p.Records[0].ID {
		t.Fatalf("G shows %q, the last person is %q", last.Label, p.Records[0].Label)
	}
	hs.press("g", "g") // a lone g starts a go-to chord; g g is the first row
	hs.want("1 of 90")
}

func TestScrollAcrossManyPages(t *testing.T) {
	st := openStore(t, true)
	w, err := st.NewBulkWriter(context.Background(), "people", []string{"name"}, store.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		if err := w.Add(model.Value{Valid: true, Str: "Person " + pad4(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, st, 100, 24, Options{Workspace: "x.db", Now: fixedNow, Object: "people"})
	for range 30 {
		hs.press("pgdown")
	}
	r, _ := hs.a.list.Current()
	wantRow := hs.a.list.Cursor()
	if r.Label != "Person "+pad4(int(wantRow)) {
		t.Fatalf("row %d shows %q: pages were stitched wrongly", wantRow, r.Label)
	}
	for range 30 {
		hs.press("pgup")
	}
	hs.want("1 of 1,000")
	hs.want("Person 0000")
}

func TestStaleAnswersDropped(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	// Start a query for won deals but hold its answers.
	hs.press("/")
	for _, r := range "stage:won" {
		hs.a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, cmd := hs.a.Update(kp("enter"))
	req := runCmd(t, cmd)
	var held []tea.Msg
	for _, m := range req {
		if pr, ok := m.(views.PageRequest); ok {
			held = append(held, runCmd(t, hs.a.pageCmd(pr))...)
		}
	}
	if len(held) != 1 {
		t.Fatalf("held %d answers, want the page with its count", len(held))
	}
	// A newer query (lost deals) runs to completion.
	hs.press("/")
	hs.burst(strings.Split(strings.Repeat("backspace,", 9), ",")[:9]...)
	hs.typeText("stage:lost")
	hs.press("enter")
	lost := count(t, st, "opportunities", "stage:lost")
	hs.want("1 of " + itoa(lost))
	// The late answers to the older query change nothing.
	for _, m := range held {
		hs.send(m)
	}
	hs.want("1 of " + itoa(lost))
	if strings.Contains(hs.screen(), " Won ") {
		t.Fatalf("a stale page of won deals was drawn:\n%s", hs.screen())
	}
}

func TestFilterErrorShownInPlace(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities", NoColor: true})
	hs.press("/")
	hs.typeText("stage:won amount>abc") // settles the debounce tick too
	hs.want("✗ amount>abc: expected an amount")
	// The offending value is marked in place (underlined without colour).
	underlinedA := regexp.MustCompile(`amount>\x1b\[[0-9;]*;4m(\x1b\[m)?a`)
	if raw := hs.a.View().Content; !underlinedA.MatchString(raw) {
		t.Fatalf("the error span is not marked: %q", raw)
	}
	// The last good result stays on screen meanwhile.
	hs.want("1 of " + itoa(count(t, st, "opportunities", "")))
	// Esc clears the filter and the error.
	hs.press("esc")
	hs.wantNot("✗")
	hs.want("1 of " + itoa(count(t, st, "opportunities", "")))
}

func TestFilterAsYouType(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	hs.press("/")
	hs.typeText("stage:won") // no enter: the debounce runs the query
	won := count(t, st, "opportunities", "stage:won")
	hs.want("1 of " + itoa(won))
	hs.want(itoa(won) + " opportunities") // the status bar follows
}

func TestDeleteThenUndo(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	first, _ := hs.a.list.Current()
	hs.press("space", "space") // mark the first two rows
	hs.press("d")
	if n := count(t, st, "people", ""); n != 88 {
		t.Fatalf("people after deleting two = %d, want 88", n)
	}
	if msg, isErr := hs.status(); msg != "deleted 2 records · u to undo" || isErr {
		t.Fatalf("status = %q (error %v)", msg, isErr)
	}
	hs.want("of 88")
	hs.wantNot(first.Label) // refreshed in place: the deleted rows are gone
	hs.press("u")
	if n := count(t, st, "people", ""); n != 90 {
		t.Fatalf("people after undo = %d, want 90", n)
	}
	hs.want("of 90")
	hs.want(first.Label)
	if msg, _ := hs.status(); msg != "restored 2 records" {
		t.Fatalf("status after undo = %q", msg)
	}
	hs.press("u")
	if msg, _ := hs.status(); msg != "nothing to undo" {
		t.Fatalf("status after a second undo = %q", msg)
	}
}

func TestDeleteAllMatchingFilter(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	won := count(t, st, "opportunities", "stage:won")
	total := count(t, st, "opportunities", "")
	hs.press("/")
	hs.typeText("stage:won")
	hs.press("enter", "ctrl+a", "d")
	if n := count(t, st, "opportunities", ""); n != total-won {
		t.Fatalf("after deleting all won: %d left, want %d", n, total-won)
	}
	hs.want("No records match the filter")
	hs.press("u")
	if n := count(t, st, "opportunities", ""); n != total {
		t.Fatalf("after undo: %d, want %d", n, total)
	}
}

func TestSetOwnerThenUndo(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	r, _ := hs.a.list.Current()
	before := r.Get(model.FieldOwner)
	hs.press("O")
	hs.want("Set owner of this person")
	hs.typeText("alice")
	hs.press("enter")
	got, err := st.Get(context.Background(), "people", r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Get(model.FieldOwner).Ref == "" || got.Get(model.FieldOwner).Int == before.Int {
		t.Fatalf("owner after set = %+v (before %+v)", got.Get(model.FieldOwner), before)
	}
	hs.press("u")
	got, _ = st.Get(context.Background(), "people", r.ID)
	if got.Get(model.FieldOwner).Int != before.Int {
		t.Fatalf("owner after undo = %+v, want %+v", got.Get(model.FieldOwner), before)
	}
}

func TestSetFieldRefusesSystemFieldsAndBadValues(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	hs.send(views.SetFieldMsg{Selection: views.Selection{Object: "opportunities", IDs: []int64{1}}, Field: "created_at"})
	if msg, isErr := hs.status(); !isErr || !strings.Contains(msg, "maintained by rolo") {
		t.Fatalf("status = %q, want a refusal", msg)
	}
	hs.send(views.SetFieldMsg{Selection: views.Selection{Object: "opportunities", IDs: []int64{1}}, Field: "amount"})
	hs.typeText("lots")
	hs.press("enter")
	if msg, isErr := hs.status(); !isErr || msg == "" {
		t.Fatalf("status = %q, want a parse error for the amount", msg)
	}
}

func TestNewRecordPrompt(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow})
	hs.press("n")
	hs.want("New company")
	hs.typeText("Zebra Zone")
	hs.press("ctrl+s") // the form saves with ctrl+s; enter moves to the next field
	if n := count(t, st, "companies", "name=\"Zebra Zone\""); n != 1 {
		t.Fatalf("companies named Zebra Zone = %d, want 1", n)
	}
	hs.want("Zebra Zone  · Company") // the new record's detail page
	hs.want("13 companies")
	hs.press("u")
	if n := count(t, st, "companies", "name=\"Zebra Zone\""); n != 0 {
		t.Fatalf("after undo: %d, want the new company gone", n)
	}
}

func TestSaveAndSwitchViews(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	hs.press("/")
	hs.typeText("stage:won")
	hs.press("enter", "V")
	hs.want("Save view as")
	hs.typeText("Won deals")
	hs.press("enter")
	vs, err := st.SavedViews(context.Background(), "opportunities")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[1].Name != "Won deals" || vs[1].Filter != "stage:won" {
		t.Fatalf("stored views = %+v", vs)
	}
	hs.want("view: Won deals")
	hs.want("  Won deals") // in the sidebar

	// Switch to the default view and back with v.
	hs.press("v")
	hs.want("Views")
	hs.press("k", "enter")
	hs.want("view: All opportunities")
	all := count(t, st, "opportunities", "")
	hs.want("1 of " + itoa(all))
	hs.press("v", "j", "enter")
	hs.want("view: Won deals")
	hs.want("1 of " + itoa(count(t, st, "opportunities", "stage:won")))

	// Rename it, then delete it: the list follows.
	hs.press("v", "j", "r")
	hs.burst(strings.Split(strings.Repeat("backspace,", 9), ",")[:9]...)
	hs.typeText("Closed won")
	hs.press("enter", "esc")
	hs.want("view: Closed won")
	hs.press("v", "j", "d", "y")
	hs.press("esc")
	hs.want("view: All opportunities")
	if vs, _ := st.SavedViews(context.Background(), "opportunities"); len(vs) != 1 {
		t.Fatalf("views after delete = %+v", vs)
	}
}

func TestSidebarOpensObjects(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.press("tab")
	if hs.a.focus != focusSidebar {
		t.Fatal("tab did not focus the sidebar")
	}
	hs.press("j", "enter") // People
	hs.want("1 of 90")
	hs.want("All people")
	if hs.a.focus != focusMain {
		t.Fatal("opening an object should focus its list")
	}
	hs.press("ctrl+b")
	hs.wantNot("Objects")
	hs.press("tab")
	if hs.a.focus != focusMain {
		t.Fatal("tab focused a hidden sidebar")
	}
	hs.press("ctrl+b")
	hs.want("Objects")
}

func TestOpenRecordAndBack(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	r, _ := hs.a.list.Current()
	hs.press("enter")
	if hs.a.detail == nil {
		t.Fatal("enter did not open the record")
	}
	hs.want("Job title")
	hs.want(r.Label)
	hs.press("q") // back, not quit
	if hs.quit || hs.a.detail != nil {
		t.Fatalf("q in a record should go back (quit %v)", hs.quit)
	}
	hs.want("1 of 90")
}

func TestCtrlCAlwaysQuits(t *testing.T) {
	st := openStore(t, false)
	for name, setup := range map[string][]string{
		"list":      nil,
		"filter":    {"/"},
		"dialog":    {"S"},
		"help":      {"?"},
		"save view": {"V"},
	} {
		hs := newHarness(t, st, 120, 30, testOptions())
		hs.press(setup...)
		hs.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl | tea.ModAlt}) // esc then ctrl+c, typed fast
		if !hs.quit {
			t.Errorf("%s: alt+ctrl+c did not quit", name)
		}
		hs.quit = false
		hs.press("ctrl+c")
		if !hs.quit {
			t.Errorf("%s: ctrl+c did not quit", name)
		}
	}
	// q quits from the list, but is text in the filter bar.
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.press("/", "q")
	if hs.quit {
		t.Fatal("q in the filter bar quit")
	}
	hs.press("esc", "q")
	if !hs.quit {
		t.Fatal("q in the list did not quit")
	}
}

func TestPanicInCommandBecomesError(t *testing.T) {
	st := openStore(t, false)
	var logged string
	opt := testOptions()
	opt.PanicLog = func(s string) { logged = s }
	hs := newHarness(t, st, 120, 30, opt)
	hs.settle(hs.a.run("testing", 0, func(context.Context) tea.Msg { panic("boom") }))
	msg, isErr := hs.status()
	if !isErr || !strings.Contains(msg, "internal error while testing: boom") {
		t.Fatalf("status = %q (error %v)", msg, isErr)
	}
	if !strings.Contains(logged, "goroutine") {
		t.Fatalf("the panic's stack was not logged: %q", logged)
	}
	// The app keeps working.
	hs.press("j")
	hs.want("2 of 12")
}

func TestStoreErrorReachesStatusBar(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.send(views.SwitchViewMsg{Object: "companies", View: views.SavedView{Name: "broken", Sorts: []model.Sort{{Field: "nope"}}}})
	if msg, isErr := hs.status(); !isErr || !strings.Contains(msg, "nope") {
		t.Fatalf("status = %q, want the store's error", msg)
	}
	hs.wantNot("loading…")
}

func TestTooSmallAndResize(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 30, 8, testOptions())
	hs.want("Terminal too small")
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	hs.wantNot("too small")
	hs.want("1 of 12")
	lines := strings.Split(hs.screen(), "\n")
	if len(lines) != 24 {
		t.Fatalf("frame has %d lines, want 24", len(lines))
	}
	hs.send(tea.WindowSizeMsg{Width: 50, Height: 12}) // narrow: no sidebar
	hs.wantNot("Objects")
	hs.want("1 of 12")
}

func TestHelpShowsFocusedKeys(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.want("? help") // the short help on the bottom line
	hs.press("?")
	hs.want("Keys · list")
	hs.want("select all")
	hs.press("esc")
	hs.wantNot("Keys · list")
	hs.press("tab", "?")
	hs.want("Keys · sidebar")
}

func TestMouseClickAndWheel(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	s := hs.a.shell()
	// Row 5 of the body: the header is the list's first line.
	hs.send(tea.MouseClickMsg{X: s.Main.X + 5, Y: s.Main.Y + 1 + 4, Button: tea.MouseLeft})
	hs.want("5 of 90")
	hs.send(tea.MouseWheelMsg{X: s.Main.X + 5, Y: 3, Button: tea.MouseWheelDown})
	hs.want("8 of 90")
	// A click in the sidebar focuses it and opens what it hits.
	hs.send(tea.MouseClickMsg{X: 3, Y: 3, Button: tea.MouseLeft}) // Opportunities
	hs.want("All opportunities")
}

func TestEscapeSequencesInDataDrawnAsText(t *testing.T) {
	st := openStore(t, false)
	evil := "Aaron Evil\x1b[31mRed\x1b]0;pwned\x07"
	if _, err := st.Create(context.Background(), "people", map[string]model.Value{"name": {Valid: true, Str: evil}}); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, st, 120, 30, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	raw := hs.a.View().Content
	if strings.Contains(raw, "\x1b]0;") || strings.Contains(raw, "\x07") || strings.Contains(raw, "\x1b[31m") {
		t.Fatalf("the name's escape sequences reached the terminal: %q", raw)
	}
	hs.want("Aaron Evil")
	hs.wantNot("pwned\x07")
}

func TestWarningsShownAtStart(t *testing.T) {
	st := openStore(t, false)
	opt := testOptions()
	opt.Warnings = []error{errors.New(`keys: "j" is bound to both list.down and list.sort`)}
	hs := newHarness(t, st, 160, 30, opt)
	if msg, isErr := hs.status(); !isErr || !strings.Contains(msg, "list.sort") {
		t.Fatalf("status = %q, want the key warning", msg)
	}
}

func TestFirstRunDemo(t *testing.T) {
	st := openStore(t, true)
	hs := newHarness(t, st, 100, 24, testOptions())
	hs.want("Welcome to rolo")
	hs.want("Load demo workspace")
	hs.want("Start empty")
	hs.press("enter")
	hs.want("1 of 12")
	if n := count(t, st, "people", ""); n != 90 {
		t.Fatalf("people after the demo = %d", n)
	}
	if msg, _ := hs.status(); msg != "demo workspace loaded" {
		t.Fatalf("status = %q", msg)
	}
}

func TestFirstRunEmptyIsNotOfferedAgain(t *testing.T) {
	st := openStore(t, true)
	hs := newHarness(t, st, 100, 24, testOptions())
	hs.press("j", "enter")
	hs.want("No companies yet")
	if n := count(t, st, "companies", ""); n != 0 {
		t.Fatalf("start empty added %d companies", n)
	}
	again := newHarness(t, st, 100, 24, testOptions())
	again.wantNot("Welcome to rolo")
	again.want("No companies yet")
}

// runCmd runs a command (and any batch) synchronously and returns the
// messages, without feeding them to the model.
func runCmd(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, runCmd(t, c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{m}
	}
}

func itoa(n int64) string { return groupInt(int(n)) }

func pad4(i int) string {
	s := itoa(int64(i))
	return strings.Repeat("0", 4-len(s)) + s
}
