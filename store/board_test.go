package store

import (
	"strconv"
	"testing"

	"rolo/model"
)

// boardFixture is a pipeline A → B with five deals in A, in creation order.
type boardFixture struct {
	p      model.Pipeline
	a, b   model.Stage
	lost   model.Stage
	deals  []model.Record
	stages map[string]model.Stage
}

func newBoard(t *testing.T, s *Store) boardFixture {
	t.Helper()
	p, err := s.CreatePipeline(ctx, "Board", []string{"A", "B"})
	if err != nil {
		t.Fatal(err)
	}
	f := boardFixture{p: p, stages: map[string]model.Stage{}}
	for _, st := range p.Stages {
		f.stages[st.Name] = st
	}
	f.a, f.b, f.lost = f.stages["A"], f.stages["B"], f.stages["Lost"]
	for i := range 5 {
		f.deals = append(f.deals, mustCreate(t, s, "opportunities", map[string]model.Value{
			"name":   text("deal " + strconv.Itoa(i)),
			"amount": money(int64(i+1)*1_000_000_000, "USD"),
			"stage":  id(f.a.ID),
		}))
	}
	return f
}

// boardColumnNames reads a column's card names in board order (position, then id).
func boardColumnNames(t *testing.T, s *Store, stage model.Stage) []string {
	t.Helper()
	f, err := model.ParseFilter("pipeline:#" + strconv.FormatInt(stage.PipelineID, 10) + " stage:#" + strconv.FormatInt(stage.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Query(ctx, "opportunities", model.Query{Filter: f, Sorts: []model.Sort{{Field: "position"}, {Field: "id"}}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range p.Records {
		out = append(out, r.Label)
	}
	return out
}

func wantColumn(t *testing.T, s *Store, stage model.Stage, want ...string) {
	t.Helper()
	got := boardColumnNames(t, s, stage)
	if len(got) != len(want) {
		t.Fatalf("column %s = %q, want %q", stage.Name, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("column %s = %q, want %q", stage.Name, got, want)
		}
	}
}

func stageValue(st model.Stage) model.Value { return model.Value{Valid: true, Int: st.ID} }

func TestMoveCardToStageTopWritesEvent(t *testing.T) {
	s := newTestStore(t)
	f := newBoard(t, s)
	d := f.deals[2]
	rec, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: d.ID, Field: "stage", To: stageValue(f.b)})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Get("stage").Int != f.b.ID || rec.Get("pipeline").Int != f.p.ID {
		t.Fatalf("moved record is in stage %v pipeline %v", rec.Get("stage"), rec.Get("pipeline"))
	}
	if !rec.Get("stage_changed_at").Valid || rec.Get("stage_changed_at").Int < d.Get("created_at").Int {
		t.Errorf("stage_changed_at not set on a move: %v", rec.Get("stage_changed_at"))
	}
	wantColumn(t, s, f.a, "deal 0", "deal 1", "deal 3", "deal 4")
	wantColumn(t, s, f.b, "deal 2")
	// A second card moved right goes above the first.
	if _, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: f.deals[4].ID, Field: "stage", To: stageValue(f.b)}); err != nil {
		t.Fatal(err)
	}
	wantColumn(t, s, f.b, "deal 4", "deal 2")

	evs, err := s.Events(ctx, EventQuery{Object: "opportunities", RecordID: d.ID})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range evs {
		if e.Kind == model.EventStageChanged && e.Old == "A" && e.New == "B" {
			found = true
		}
		if e.Field == model.FieldPosition {
			t.Errorf("a move wrote a position event: %+v", e)
		}
	}
	if !found {
		t.Errorf("no stage_changed A → B event among %+v", evs)
	}
}

func TestMoveCardReorderWithinColumn(t *testing.T) {
	s := newTestStore(t)
	f := newBoard(t, s)
	d := f.deals
	move := func(card, after, before int64) {
		t.Helper()
		if _, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: card, Field: "stage", To: stageValue(f.a), After: after, Before: before}); err != nil {
			t.Fatal(err)
		}
	}
	// K on deal 3: between deal 1 and deal 2.
	move(d[3].ID, d[1].ID, d[2].ID)
	wantColumn(t, s, f.a, "deal 0", "deal 1", "deal 3", "deal 2", "deal 4")
	// Only Before: right before it, after its real predecessor.
	move(d[4].ID, 0, d[1].ID)
	wantColumn(t, s, f.a, "deal 0", "deal 4", "deal 1", "deal 3", "deal 2")
	// Only After: right after it.
	move(d[0].ID, d[2].ID, 0)
	wantColumn(t, s, f.a, "deal 4", "deal 1", "deal 3", "deal 2", "deal 0")
	// Neither: the top.
	move(d[2].ID, 0, 0)
	wantColumn(t, s, f.a, "deal 2", "deal 4", "deal 1", "deal 3", "deal 0")

	evs, _ := s.Events(ctx, EventQuery{Object: "opportunities", RecordID: d[3].ID})
	for _, e := range evs {
		if e.Kind != model.EventCreated {
			t.Errorf("a reorder wrote an event: %+v", e)
		}
	}
}

func TestMoveCardRenumbersWhenGapsRunOut(t *testing.T) {
	s := newTestStore(t)
	f := newBoard(t, s)
	d := f.deals
	// Alternately slip deal 3 and deal 4 in right under deal 0: each move
	// halves the gap below deal 0, so the column must renumber on the way.
	for i := range 80 {
		card := d[3+i%2]
		if _, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: card.ID, Field: "stage", To: stageValue(f.a), After: d[0].ID}); err != nil {
			t.Fatalf("move %d: %v", i, err)
		}
	}
	wantColumn(t, s, f.a, "deal 0", "deal 4", "deal 3", "deal 1", "deal 2")
	var n, distinct int
	if err := s.db.QueryRow(`SELECT count(*), count(DISTINCT position) FROM obj_opportunities WHERE stage = ?`, f.a.ID).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != distinct {
		t.Errorf("positions collided: %d cards, %d distinct positions", n, distinct)
	}
}

func TestMoveCardLostWithReasonAndUndo(t *testing.T) {
	s := newTestStore(t)
	f := newBoard(t, s)
	d := f.deals[1]
	oldPos := d.Get("position").Num
	rec, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: d.ID, Field: "stage", To: stageValue(f.lost),
		Set: map[string]model.Value{"loss_reason": text("too expensive")}})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Get("loss_reason").Str != "too expensive" || rec.Get("stage").Int != f.lost.ID {
		t.Fatalf("lost move stored %v / %v", rec.Get("loss_reason"), rec.Get("stage"))
	}
	// Undo: back to A at the exact old position, reason cleared.
	rec, err = s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: d.ID, Field: "stage", To: stageValue(f.a),
		Position: &oldPos, Set: map[string]model.Value{"loss_reason": {}}})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Get("loss_reason").Valid || rec.Get("position").Num != oldPos {
		t.Errorf("undo left %v at %v", rec.Get("loss_reason"), rec.Get("position"))
	}
	wantColumn(t, s, f.a, "deal 0", "deal 1", "deal 2", "deal 3", "deal 4")
}

func TestMoveCardTotalsFollow(t *testing.T) {
	s := newTestStore(t)
	f := newBoard(t, s)
	for _, i := range []int{0, 3} {
		if _, err := s.MoveCard(ctx, model.CardMove{Object: "opportunities", ID: f.deals[i].ID, Field: "stage", To: stageValue(f.b)}); err != nil {
			t.Fatal(err)
		}
	}
	gs, err := s.StageTotals(ctx, f.p.ID, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int64{}
	for _, g := range gs {
		got[g.Key] = [2]int64{g.Count, int64(g.Results[0])}
	}
	// A: deals 1, 2, 4 = 2k+3k+5k; B: deals 0, 3 = 1k+4k.
	if a := got[strconv.FormatInt(f.a.ID, 10)]; a != [2]int64{3, 10_000_000_000} {
		t.Errorf("A totals = %v", a)
	}
	if b := got[strconv.FormatInt(f.b.ID, 10)]; b != [2]int64{2, 5_000_000_000} {
		t.Errorf("B totals = %v", b)
	}
	// The trigger-kept totals agree with a GROUP BY over the table.
	rows, err := s.db.Query(`SELECT stage, count(*), sum(amount) FROM obj_opportunities WHERE deleted_at IS NULL AND pipeline = ? GROUP BY stage`, f.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var st, n, sum int64
		if err := rows.Scan(&st, &n, &sum); err != nil {
			t.Fatal(err)
		}
		if got[strconv.FormatInt(st, 10)] != [2]int64{n, sum} {
			t.Errorf("stage %d: totals %v, table %d/%d", st, got[strconv.FormatInt(st, 10)], n, sum)
		}
	}
}

func TestMoveCardSelectBoardAndErrors(t *testing.T) {
	s := newTestStore(t)
	var tasks []model.Record
	for i := range 3 {
		tasks = append(tasks, mustCreate(t, s, "tasks", map[string]model.Value{"title": text("t" + strconv.Itoa(i)), "status": text("todo")}))
	}
	rec, err := s.MoveCard(ctx, model.CardMove{Object: "tasks", ID: tasks[1].ID, Field: "status", To: text("done")})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Get("status").Str != "done" {
		t.Errorf("status = %v", rec.Get("status"))
	}
	// The no-value column of a select board.
	if rec, err = s.MoveCard(ctx, model.CardMove{Object: "tasks", ID: tasks[2].ID, Field: "status", To: model.Value{}}); err != nil || rec.Get("status").Valid {
		t.Errorf("move to the empty column: %v %v", rec.Get("status"), err)
	}
	if _, err := s.MoveCard(ctx, model.CardMove{Object: "tasks", ID: tasks[0].ID, Field: "status", To: text("nope")}); err == nil {
		t.Error("unknown option accepted")
	}
	if _, err := s.MoveCard(ctx, model.CardMove{Object: "tasks", ID: tasks[0].ID, Field: "title", To: text("x")}); err == nil {
		t.Error("a text field accepted as a board field")
	}
	// A neighbour that is not in the destination column is refused.
	if _, err := s.MoveCard(ctx, model.CardMove{Object: "tasks", ID: tasks[0].ID, Field: "status", To: text("done"), Before: tasks[2].ID}); err == nil {
		t.Error("neighbour from another column accepted")
	}
}

func TestMovePipeline(t *testing.T) {
	s := newTestStore(t)
	a, _ := s.CreatePipeline(ctx, "Second", nil)
	b, _ := s.CreatePipeline(ctx, "Third", nil)
	if err := s.MovePipeline(ctx, b.ID, 0); err != nil {
		t.Fatal(err)
	}
	ps, _ := s.Pipelines(ctx)
	if len(ps) != 3 || ps[0].ID != b.ID || ps[1].Name != "Sales" || ps[2].ID != a.ID {
		t.Errorf("order after MovePipeline: %v", ps)
	}
}
