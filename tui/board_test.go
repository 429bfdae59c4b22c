package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"

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
	goldenFrame(t, "board_120x40", hs.a.View().Content)
}

// At 80×24 two columns fit; moving right scrolls the columns.
func TestGoldenBoard80x24Scrolled(t *testing.T) {
	hs, _ := openBoardHarness(t, 80, 24)
	hs.press("l", "l", "l", "j")
	hs.want("‹ ")
	goldenFrame(t, "board_80x24", hs.a.View().Content)
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
