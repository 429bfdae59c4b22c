package tui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/internal/termtest"
	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The command palette, driven through the root's Update as the program
// would: Ctrl+K, typed text, enter, tab, esc.

func ctrlK() tea.KeyPressMsg { return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl} }

func (hs *harness) openPalette() {
	hs.t.Helper()
	hs.send(ctrlK())
	if !hs.a.PaletteOpen() {
		hs.t.Fatalf("ctrl+k did not open the palette:\n%s", hs.screen())
	}
}

// entries are the palette's rows as "Group/Label".
func (hs *harness) entries() []string {
	var out []string
	for _, e := range hs.a.pal.view.Entries() {
		out = append(out, e.Group+"/"+e.Label)
	}
	return out
}

func (hs *harness) selected() views.PaletteEntry {
	hs.t.Helper()
	e, ok := hs.a.pal.view.Selected()
	if !ok {
		hs.t.Fatalf("nothing selected; entries %v", hs.entries())
	}
	return e
}

func personNamed(t *testing.T, st *store.Store, name string) model.Record {
	t.Helper()
	f, _ := model.ParseFilter(`name:"` + name + `"`)
	p, err := st.Query(context.Background(), "people", model.Query{Filter: f, Limit: 1})
	if err != nil || len(p.Records) == 0 {
		t.Fatalf("no person %q: %v", name, err)
	}
	return p.Records[0]
}

func firstPerson(t *testing.T, st *store.Store) model.Record {
	t.Helper()
	p, err := st.Query(context.Background(), "people", model.Query{Limit: 1, Sorts: []model.Sort{{Field: "id"}}})
	if err != nil || len(p.Records) == 0 {
		t.Fatal(err)
	}
	return p.Records[0]
}

func TestParsePaletteQueryPrefixes(t *testing.T) {
	cases := []struct {
		in      string
		text    string
		actions bool
		objects []string
	}{
		{"jane", "jane", false, nil},
		{"  jane doe ", "jane doe", false, nil},
		{">new person", "new person", true, nil},
		{"@jan", "jan", false, []string{"people"}},
		{"#acme", "acme", false, []string{"companies"}},
		{"$ big", "big", false, []string{"opportunities"}},
		{"!call", "call", false, []string{"tasks"}},
		{"", "", false, nil},
		{"a@b", "a@b", false, nil}, // only a leading prefix counts
	}
	for _, c := range cases {
		got := parsePaletteQuery(c.in)
		if got.text != c.text || got.actionsOnly != c.actions || !slices.Equal(got.objects, c.objects) {
			t.Errorf("parsePaletteQuery(%q) = %+v", c.in, got)
		}
	}
}

func TestPaletteFindsPersonAndEnterOpensIt(t *testing.T) {
	st := openStore(t, false)
	p := firstPerson(t, st)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.openPalette()
	hs.typeText(p.Label)
	e := hs.selected()
	if e.Object != "people" || e.ID != p.ID || e.Group != "Records" {
		t.Fatalf("first entry %+v, want person %d %q; entries %v", e, p.ID, p.Label, hs.entries())
	}
	if len(e.LabelIdx) == 0 {
		t.Error("no matched characters to highlight")
	}
	hs.want("Person") // the object's label on the row
	hs.press("enter")
	if hs.a.PaletteOpen() {
		t.Fatal("palette still open after enter")
	}
	r, ok := hs.a.currentRecord()
	if !ok || r.ID != p.ID {
		t.Fatalf("enter opened %+v, want %q", r, p.Label)
	}
	// The open was remembered: the empty query lists it under Recent.
	hs.openPalette()
	if got := hs.entries(); len(got) == 0 || got[0] != "Recent/"+p.Label {
		t.Fatalf("empty query shows %v, want %q first", got, p.Label)
	}
	hs.press("esc")
	if hs.a.PaletteOpen() {
		t.Fatal("esc did not close the palette")
	}
}

func TestPalettePrefixesNarrow(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.openPalette()
	kinds := func() map[string]bool {
		m := map[string]bool{}
		for _, e := range hs.a.pal.view.Entries() {
			if e.Kind == views.PaletteRecord {
				m[e.Object] = true
			} else {
				m[e.Group] = true
			}
		}
		return m
	}
	for _, c := range []struct {
		prefix string
		want   string
	}{{"@", "people"}, {"#", "companies"}, {"$", "opportunities"}, {"!", "tasks"}} {
		hs.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the input
		hs.typeText(c.prefix + "a")
		got := kinds()
		if !got[c.want] {
			t.Errorf("%q: no %s among %v", c.prefix, c.want, hs.entries())
		}
		for k := range got {
			if k != c.want && k != "Create" {
				t.Errorf("%q: %s listed too (%v)", c.prefix, k, hs.entries())
			}
		}
	}
	hs.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	hs.typeText(">theme")
	for _, e := range hs.a.pal.view.Entries() {
		if e.Kind != views.PaletteAction {
			t.Errorf("> listed a non-action %+v", e)
		}
	}
	if e := hs.selected(); e.Label != "Switch theme" {
		t.Errorf(">theme selects %q", e.Label)
	}
	// Without a prefix, go-to targets are found too and can lead.
	hs.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	hs.typeText("opportunities")
	if e := hs.selected(); e.Key != "goto:object:opportunities" {
		t.Errorf("\"opportunities\" selects %+v; entries %v", e, hs.entries())
	}
	hs.press("enter")
	if hs.a.object.Name != "opportunities" {
		t.Errorf("go to opportunities shows %q", hs.a.object.Name)
	}
}

func TestCtrlKWhileTyping(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	// The list's filter bar has focus, the cursor at the start: a text
	// input would take ctrl+k as "delete to the end".
	hs.press("/")
	hs.typeText("name:a")
	hs.send(tea.KeyPressMsg{Code: tea.KeyHome})
	if !hs.a.capturesKeys() {
		t.Fatal("the filter bar is not taking text")
	}
	hs.openPalette()
	hs.typeText("xyz")
	hs.press("esc")
	if hs.a.PaletteOpen() {
		t.Fatal("esc left the palette open")
	}
	if got := hs.a.list.Filter(); got != "name:a" {
		t.Fatalf("filter text after the palette = %q, want it untouched", got)
	}
	hs.press("esc")

	// A prompt has focus.
	hs.a.askText("Some question", "hello", func(string) tea.Cmd { return nil })
	hs.send(tea.KeyPressMsg{Code: tea.KeyHome})
	hs.openPalette()
	hs.want("Search records")
	hs.press("esc")
	pr, ok := hs.a.overlay.(*actionPrompt)
	if !ok {
		t.Fatalf("the prompt is gone: overlay %T", hs.a.overlay)
	}
	pr.Update(kp("enter"))
	if text, ok := pr.Result(); !ok || text != "hello" {
		t.Fatalf("prompt text after the palette = %q (%v), want hello", text, ok)
	}
}

func TestPaletteNewCompanyPrefilled(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.openPalette()
	hs.typeText(">new company Quux Industries")
	e := hs.selected()
	if e.Key != "action:new:companies" || e.Arg != "Quux Industries" {
		t.Fatalf("selected %+v; entries %v", e, hs.entries())
	}
	hs.press("enter")
	hs.want("Quux Industries") // in the form (or the label prompt), filled in

	// Typing a name and picking "Create person" prefills it too.
	hs.press("esc")
	hs.openPalette()
	hs.typeText("Zara Quill")
	var pick int = -1
	for i, e := range hs.a.pal.view.Entries() {
		if e.Key == "action:new:people" {
			pick = i
		}
	}
	if pick < 0 {
		t.Fatalf("no Create person entry: %v", hs.entries())
	}
	for hs.selected().Key != "action:new:people" {
		hs.press("down")
	}
	hs.press("enter")
	hs.want("Zara Quill")
}

func TestPaletteTabActionsFavorite(t *testing.T) {
	st := openStore(t, false)
	p := firstPerson(t, st)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.openPalette()
	hs.typeText(p.Label)
	hs.press("tab")
	if !hs.a.pal.view.InMenu() {
		t.Fatal("tab did not open the record's actions")
	}
	var labels []string
	for _, e := range hs.a.pal.view.Entries() {
		labels = append(labels, e.Label)
	}
	for _, want := range []string{"Open", "Add to favorites", "Copy email", "New task for it", "New note for it"} {
		if !slices.Contains(labels, want) {
			t.Errorf("actions %v lack %q", labels, want)
		}
	}
	hs.typeText("fav")
	if e := hs.selected(); e.Label != "Add to favorites" {
		t.Fatalf("typing fav selects %q", e.Label)
	}
	hs.press("enter")
	hs.want("★ " + p.Label) // in the sidebar
	favs, _ := st.Favorites(context.Background(), st.Actor().ID)
	if len(favs) != 1 || favs[0].RecordID != p.ID {
		t.Fatalf("stored favorites %+v", favs)
	}
	// esc in the menu goes back to the results, esc again closes.
	hs.openPalette()
	hs.typeText(p.Label)
	hs.press("tab", "esc")
	if hs.a.pal.view.InMenu() || hs.a.pal.view.Query() != p.Label {
		t.Fatalf("esc from the menu: in menu %v, query %q", hs.a.pal.view.InMenu(), hs.a.pal.view.Query())
	}
	hs.press("esc")
	if hs.a.PaletteOpen() {
		t.Fatal("still open")
	}
}

func TestPaletteMoveStage(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	opp, err := st.Query(context.Background(), "opportunities", model.Query{Limit: 1, Sorts: []model.Sort{{Field: "id"}}})
	if err != nil || len(opp.Records) == 0 {
		t.Fatal(err)
	}
	o := opp.Records[0]
	hs.openPalette()
	hs.typeText("$" + o.Label)
	if e := hs.selected(); e.ID != o.ID {
		t.Fatalf("selected %+v", e)
	}
	hs.press("tab")
	hs.typeText("stage")
	hs.press("enter")
	if !hs.a.pal.view.InMenu() || !strings.HasPrefix(hs.a.pal.view.Entries()[0].Group, "Move ") {
		t.Fatalf("no stage menu: %v", hs.entries())
	}
	hs.typeText("negotiation")
	hs.press("enter")
	got, err := st.Get(context.Background(), "opportunities", o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Get("stage").Ref; s != "Negotiation" {
		t.Fatalf("stage after the move = %q", s)
	}
}

// The index follows changes made by another process on the same file.
func TestPaletteFollowsOtherProcess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	st, err := store.Open(path, store.Options{Actor: "alice", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Create(ctx, "people", map[string]model.Value{"name": {Valid: true, Str: "Ann Early"}}); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, st, 120, 30, Options{Workspace: "shared.db", Now: fixedNow})
	hs.openPalette()
	hs.press("esc")

	other, err := store.Open(path, store.Options{Actor: "bob", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	z, err := other.Create(ctx, "people", map[string]model.Value{"name": {Valid: true, Str: "Zebediah Quux"}})
	if err != nil {
		t.Fatal(err)
	}
	find := func(q string) []string {
		hs.openPalette()
		hs.typeText(q)
		var got []string
		for _, e := range hs.a.pal.view.Entries() {
			if e.Kind == views.PaletteRecord {
				got = append(got, e.Label)
			}
		}
		hs.press("esc")
		return got
	}
	if got := find("zebediah"); !slices.Contains(got, "Zebediah Quux") {
		t.Fatalf("created elsewhere, not found: %v", got)
	}
	if _, err := other.Update(ctx, "people", z.ID, map[string]model.Value{"name": {Valid: true, Str: "Zebulon Quux"}}, store.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := find("quux"); !slices.Equal(got, []string{"Zebulon Quux"}) {
		t.Fatalf("renamed elsewhere: %v", got)
	}
	if _, err := other.Delete(ctx, "people", z.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("quux"); len(got) != 0 {
		t.Fatalf("deleted elsewhere, still found: %v", got)
	}
	if _, err := other.Restore(ctx, "people", z.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("quux"); !slices.Equal(got, []string{"Zebulon Quux"}) {
		t.Fatalf("restored elsewhere: %v", got)
	}
	// And this process's own writes, at once: every write answers with a
	// writeMsg, which polls.
	if _, err := st.Create(ctx, "people", map[string]model.Value{"name": {Valid: true, Str: "Yolanda Local"}}); err != nil {
		t.Fatal(err)
	}
	hs.send(writeMsg{object: "people", status: "created"})
	if _, ok := hs.a.pal.ix.Get(recordKey("people", z.ID+1)); !ok {
		t.Fatal("own create not indexed after its write message")
	}
}

func TestChords(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 30, testOptions())
	hs.press("g")
	if !hs.a.ChordPending() {
		t.Fatal("g did not start a chord")
	}
	hs.want("go to:") // the hint on the bottom line
	hs.want("p People")
	hs.press("p")
	if hs.a.object.Name != "people" || hs.a.ChordPending() {
		t.Fatalf("g p shows %q (pending %v)", hs.a.object.Name, hs.a.ChordPending())
	}
	hs.press("j", "j", "j")
	hs.want("4 of 90")
	hs.press("g", "g")
	hs.want("1 of 90")
	hs.press("g", "o")
	if hs.a.object.Name != "opportunities" {
		t.Fatalf("g o shows %q", hs.a.object.Name)
	}
	hs.press("g", "x") // unknown: dropped, nothing happens
	if hs.a.ChordPending() || hs.a.object.Name != "opportunities" {
		t.Fatal("g x changed something")
	}
	// While typing, g is text.
	hs.press("/")
	hs.typeText("g")
	if hs.a.ChordPending() || hs.a.list.Filter() != "g" {
		t.Fatalf("g in the filter bar: pending %v, filter %q", hs.a.ChordPending(), hs.a.list.Filter())
	}
	hs.press("esc")
	// The chords are in ? help.
	hs.press("?")
	hs.want("g p")
	hs.want("g f")
}

func TestFavoritesInSidebar(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	var names []string
	for range 3 {
		r, _ := hs.a.list.Current()
		names = append(names, r.Label)
		hs.press("f", "j")
	}
	for _, n := range names {
		hs.want("★ " + n)
	}
	hs.press("g", "f")
	if hs.a.focus != focusSidebar {
		t.Fatal("g f did not focus the sidebar")
	}
	if f, ok := hs.a.sidebar.CurrentFavorite(); !ok || f.Label != names[0] {
		t.Fatalf("cursor on %+v, want %q", f, names[0])
	}
	hs.press("J") // move the first favorite down
	order := func() []string {
		favs, err := st.Favorites(context.Background(), st.Actor().ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range favs {
			out = append(out, f.Label)
		}
		return out
	}
	if got := order(); !slices.Equal(got, []string{names[1], names[0], names[2]}) {
		t.Fatalf("after J: %v", got)
	}
	if f, _ := hs.a.sidebar.CurrentFavorite(); f.Label != names[0] {
		t.Fatalf("the cursor did not follow the moved favorite: %q", f.Label)
	}
	hs.press("x")
	if got := order(); !slices.Equal(got, []string{names[1], names[2]}) {
		t.Fatalf("after x: %v", got)
	}
	hs.wantNot("★ " + names[0])
	// A deleted record's favorite leaves the sidebar and comes back.
	gone := personNamed(t, st, names[1])
	hs.send(views.DeleteRecordsMsg{Selection: views.Selection{Object: "people", IDs: []int64{gone.ID}}})
	hs.wantNot("★ " + names[1])
	hs.send(views.UndoMsg{})
	hs.want("★ " + names[1])
}

func TestGoldenPalette(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 100, 30, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "people"})
	hs.openPalette()
	hs.typeText("an")
	termtest.Frame(t, "palette_100x30", hs.a.View().Content)
	hs.press("tab")
	termtest.Frame(t, "palette_actions_100x30", hs.a.View().Content)
}
