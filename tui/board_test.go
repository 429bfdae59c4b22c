package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"rolo/internal/termtest"
	"rolo/model"
	"rolo/store"
)

// The kanban board through the root: opened with b on the small demo,
// driven by keys, checked on screen and in the database.

func openBoardHarness(t *testing.T, w, h int) (*harness, *store.Store) {
	t.Helper()
	st := openStore(t, false)
	hs := newHarness(t, st, w, h, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "opportunities"})
	hs.press("b")
	if hs.a.board.view == nil {
		t.Fatalf("b did not open the board:\n%s", hs.screen())
	}
	hs.want("Opportunities · Sales")
	return hs, st
}

// stageOf reads a record's stage name from the database.
func stageOf(t *testing.T, st *store.Store, id int64) string {
	t.Helper()
	r, err := st.Get(context.Background(), "opportunities", id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Get("stage").Ref
}

func salesStages(t *testing.T, st *store.Store) model.Pipeline {
	t.Helper()
	p, err := st.Pipeline(context.Background(), "Sales")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGoldenBoard120x40(t *testing.T) {
	hs, _ := openBoardHarness(t, 120, 40)
	hs.press("j")
	termtest.Frame(t, "board_120x40", hs.a.View().Content)
}

// At 80×24 two columns fit; moving right scrolls the columns.
func TestGoldenBoard80x24Scrolled(t *testing.T) {
	hs, _ := openBoardHarness(t, 80, 24)
	hs.press("l", "l", "l", "j")
	hs.want("‹ ")
	termtest.Frame(t, "board_80x24", hs.a.View().Content)
}

func TestBoardMoveTwoStagesRightAndUndo(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	card, ok := hs.a.board.view.Current()
	if !ok {
		t.Fatal("no card under the cursor")
	}
	p := salesStages(t, st)
	if got := stageOf(t, st, card.ID); got != p.Stages[0].Name {
		t.Fatalf("first card is in %s", got)
	}
	hs.burst("L", "L") // as fast as a typist: the writes queue in order
	if got, want := stageOf(t, st, card.ID), p.Stages[2].Name; got != want {
		t.Fatalf("after L L the card is in %s, want %s", got, want)
	}
	if cur, _ := hs.a.board.view.Current(); cur.ID != card.ID {
		t.Errorf("the cursor did not follow the card: on %q", cur.Label)
	}
	if _, col := hs.a.board.view.Column(); col != 2 {
		t.Errorf("cursor column = %d, want 2", col)
	}
	hs.press("u")
	if got, want := stageOf(t, st, card.ID), p.Stages[1].Name; got != want {
		t.Errorf("after undo the card is in %s, want %s", got, want)
	}
	hs.press("ctrl+z")
	if got, want := stageOf(t, st, card.ID), p.Stages[0].Name; got != want {
		t.Errorf("after a second undo the card is in %s, want %s", got, want)
	}
	assertTotalsMatchSQL(t, hs, st)
}

func TestBoardReorderWithK(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	hs.press("j")
	second, _ := hs.a.board.view.Current()
	hs.press("K")
	if cur, _ := hs.a.board.view.Current(); cur.ID != second.ID {
		t.Fatalf("cursor left the moved card")
	}
	// The database order of the column now starts with that card.
	f, _ := model.ParseFilter("pipeline:sales stage:#" + strconv.FormatInt(second.Get("stage").Int, 10))
	pg, err := st.Query(context.Background(), "opportunities", model.Query{Filter: f, Sorts: boardSorts, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Records[0].ID != second.ID {
		t.Errorf("column starts with %q, want %q", pg.Records[0].Label, second.Label)
	}
	// The order survives a reload of the board.
	hs.press("esc", "b")
	if cur, _ := hs.a.board.view.Current(); cur.ID != second.ID {
		t.Errorf("after reopening, the first card is %q, want %q", cur.Label, second.Label)
	}
}

func TestBoardMarkLostWithReason(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	card, _ := hs.a.board.view.Current()
	hs.press("X")
	hs.want("Lost · reason for")
	hs.typeText("budget cut")
	hs.press("enter")
	r, err := st.Get(context.Background(), "opportunities", card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Get("stage").Ref != "Lost" || r.Get("loss_reason").Str != "budget cut" {
		t.Fatalf("stored stage %q reason %q", r.Get("stage").Ref, r.Get("loss_reason").Str)
	}
	// The cursor stays in the column the card left.
	if _, col := hs.a.board.view.Column(); col != 0 {
		t.Errorf("cursor moved to column %d", col)
	}
	assertTotalsMatchSQL(t, hs, st)
}

func TestBoardFilterByOwnerAndSwitchPipeline(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	hs.press("/")
	hs.typeText("owner:@me")
	hs.press("enter")
	hs.want("/ owner:@me")
	assertTotalsMatchSQL(t, hs, st)
	for _, c := range hs.a.board.view.Cards() {
		for _, r := range c {
			if r.Get("owner").Ref != "Alice Martin" && !strings.EqualFold(r.Get("owner").Ref, "alice") {
				t.Fatalf("card %q of %q shown under owner:@me", r.Label, r.Get("owner").Ref)
			}
		}
	}
	hs.press("p")
	hs.typeText("partner")
	hs.press("enter")
	hs.want("Opportunities · Partnerships")
	hs.want("/ owner:@me") // the filter stays
	assertTotalsMatchSQL(t, hs, st)
}

func TestBoardFailedMovePutsCardBack(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	card, _ := hs.a.board.view.Current()
	// Someone deletes the deal behind the board's back: the write fails.
	if _, err := st.Delete(context.Background(), "opportunities", card.ID); err != nil {
		t.Fatal(err)
	}
	hs.press("L")
	if msg, isErr := hs.status(); !isErr || !strings.Contains(msg, "deleted") {
		t.Errorf("status = %q (error %v), want the failure", msg, isErr)
	}
	hs.press("h")
	if cur, _ := hs.a.board.view.Current(); cur.ID != card.ID {
		t.Errorf("the card did not come back: cursor on %q", cur.Label)
	}
}

func TestBoardOfTasksByStatus(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow})
	hs.press("B")
	hs.typeText("tasks status")
	hs.press("enter")
	hs.want("Tasks by status")
	hs.want("To do")
	card, ok := hs.a.board.view.Current()
	if !ok {
		t.Fatal("no task on the board")
	}
	before := card.Get("status").Str
	hs.press("L")
	r, err := st.Get(context.Background(), "tasks", card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Get("status").Str == before {
		t.Errorf("L left the task in %q", before)
	}
}

// assertTotalsMatchSQL compares every column's count and sums on the board
// with a GROUP BY over the database under the same filter.
func assertTotalsMatchSQL(t *testing.T, hs *harness, st *store.Store) {
	t.Helper()
	b := hs.a.board.view
	spec := b.Spec()
	f, err := model.ParseFilter(spec.ColumnFilter(b.Filter(), -1))
	if err != nil {
		t.Fatal(err)
	}
	gs, err := st.GroupBy(context.Background(), "opportunities", "stage", f, []model.Aggregate{{Func: "sum", Field: "amount"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	sums := map[string]int64{}
	for _, g := range gs {
		want[g.Key] += g.Count
		sums[g.Key+"/"+g.Code] += int64(g.Results[0])
	}
	for key, tot := range b.Totals() {
		if tot.Count != want[key] {
			t.Errorf("stage %s: board shows %d cards, SQL counts %d", key, tot.Count, want[key])
		}
		for _, s := range tot.Sums {
			if s.Micros != sums[key+"/"+s.Code] {
				t.Errorf("stage %s %s: board sums %d, SQL %d", key, s.Code, s.Micros, sums[key+"/"+s.Code])
			}
		}
	}
}

// J/K on the pipeline row of the S dialog reorder pipelines, in the
// database and in the board's own list (p, the dialog's "n of m").
func TestBoardStagesDialogMovesPipeline(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	ctx := context.Background()
	before, err := st.Pipelines(ctx)
	if err != nil || len(before) < 2 || before[0].Name != "Sales" {
		t.Fatalf("demo pipelines %v (%v)", before, err)
	}
	hs.press("S")
	hs.want("J/K move · d delete · ↑ pipeline")
	hs.press("k") // from the first stage up to the pipeline row
	hs.want("J/K move pipeline · N new · R rename · D delete")
	hs.want("Pipeline Sales  1 of " + strconv.Itoa(len(before)))
	hs.press("K") // already first: refused in place, nothing written
	hs.want("Sales is already the first pipeline")
	hs.press("J")
	after, err := st.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after[0].ID != before[1].ID || after[1].ID != before[0].ID {
		t.Fatalf("after J the order is %s, %s; want %s, Sales", after[0].Name, after[1].Name, before[1].Name)
	}
	b := hs.a.board.view
	if b.Spec().Pipeline.Name != "Sales" {
		t.Errorf("the board reopened on %q, want Sales", b.Spec().Pipeline.Name)
	}
	if ps := b.Spec().Pipelines; len(ps) < 2 || ps[1].ID != before[0].ID {
		t.Errorf("the board's pipeline list was not refreshed: %v", ps)
	}
	hs.press("S", "k")
	hs.want("Pipeline Sales  2 of ")
}

// "Open on its board" from the palette lands on the card itself, even
// when it is several pages down its column.
func TestPaletteOpenOnItsBoardFocusesDeepCard(t *testing.T) {
	st := openStore(t, false)
	ctx := context.Background()
	p := salesStages(t, st)
	stage := p.Stages[1]
	var last model.Record
	for i := range 70 {
		r, err := st.Create(ctx, "opportunities", map[string]model.Value{
			"name":     {Valid: true, Str: "Deep deal " + strconv.Itoa(1000+i)},
			"pipeline": {Valid: true, Int: p.ID},
			"stage":    {Valid: true, Int: stage.ID},
		})
		if err != nil {
			t.Fatal(err)
		}
		last = r
	}
	// The card is past the first page (and the first window's edge).
	f, _ := model.ParseFilter("pipeline:#" + strconv.FormatInt(p.ID, 10) + " stage:#" + strconv.FormatInt(stage.ID, 10))
	pg, err := st.Query(ctx, "opportunities", model.Query{Filter: f, Sorts: boardSorts, Limit: 60})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pg.Records {
		if r.ID == last.ID {
			t.Fatal("the card is within the first 60 of its column; the test needs it deeper")
		}
	}
	hs := newHarness(t, st, 120, 40, testOptions())
	hs.openPalette()
	hs.typeText("$" + last.Label)
	if e := hs.selected(); e.ID != last.ID {
		t.Fatalf("selected %+v, want %q", e, last.Label)
	}
	hs.press("tab")
	hs.typeText("its board")
	hs.press("enter")
	b := hs.a.board.view
	if b == nil {
		t.Fatalf("no board:\n%s", hs.screen())
	}
	if col, _ := b.Column(); col.Key != strconv.FormatInt(stage.ID, 10) {
		t.Errorf("cursor column %q, want %s", col.Label, stage.Name)
	}
	if cur, ok := b.Current(); !ok || cur.ID != last.ID {
		t.Fatalf("cursor on %q (%v), want %q:\n%s", cur.Label, ok, last.Label, hs.screen())
	}
	hs.want(last.Label)
}

// On the board the status bar counts the board's cards, not the list's.
func TestBoardStatusCountsTheBoard(t *testing.T) {
	hs, st := openBoardHarness(t, 120, 40)
	f, _ := model.ParseFilter("pipeline:sales")
	n, err := st.Count(context.Background(), "opportunities", f)
	if err != nil {
		t.Fatal(err)
	}
	hs.want(strconv.FormatInt(n, 10) + " opportunities · Sales")
	hs.press("p")
	hs.typeText("partner")
	hs.press("enter")
	f, _ = model.ParseFilter("pipeline:partnerships")
	if n, err = st.Count(context.Background(), "opportunities", f); err != nil {
		t.Fatal(err)
	}
	hs.want(strconv.FormatInt(n, 10) + " opportunities · Partnerships")
}
