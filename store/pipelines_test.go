package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"rolo/model"
)

func stageNames(p model.Pipeline) string {
	var n []string
	for _, st := range p.Stages {
		n = append(n, st.Name)
	}
	return strings.Join(n, ",")
}

func TestPipelinesAndStages(t *testing.T) {
	s := newTestStore(t)
	p, err := s.CreatePipeline(ctx, "Partners", []string{"Intro", "Pilot"})
	if err != nil {
		t.Fatal(err)
	}
	if stageNames(p) != "Incoming,Intro,Pilot,Won,Lost" || p.Stages[0].Kind != model.StageIncoming || p.Stages[4].Kind != model.StageLost {
		t.Fatalf("stages = %s", stageNames(p))
	}
	if _, err := s.CreatePipeline(ctx, "partners", nil); err == nil {
		t.Error("duplicate pipeline name accepted")
	}
	if _, err := s.CreatePipeline(ctx, "Dup", []string{"A", "a"}); err == nil {
		t.Error("duplicate stage names accepted")
	}
	st, err := s.AddStage(ctx, p.ID, "Contract", "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Color == "" || st.Kind != model.StageNormal {
		t.Errorf("added stage = %+v", st)
	}
	p, _ = s.Pipeline(ctx, "partners")
	if stageNames(p) != "Incoming,Intro,Pilot,Contract,Won,Lost" {
		t.Errorf("after AddStage: %s", stageNames(p))
	}
	if err := s.MoveStage(ctx, st.ID, 0); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Pipeline(ctx, "partners")
	if stageNames(p) != "Incoming,Contract,Intro,Pilot,Won,Lost" {
		t.Errorf("after MoveStage 0: %s", stageNames(p))
	}
	if err := s.MoveStage(ctx, st.ID, 99); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Pipeline(ctx, "partners")
	if stageNames(p) != "Incoming,Intro,Pilot,Contract,Won,Lost" {
		t.Errorf("after MoveStage 99: %s", stageNames(p))
	}
	for i, x := range p.Stages {
		if x.Position != i {
			t.Errorf("stage %s position %d, want %d", x.Name, x.Position, i)
		}
	}
	if err := s.MoveStage(ctx, p.Stages[4].ID, 1); err == nil {
		t.Error("moving Won accepted")
	}
	if err := s.UpdateStage(ctx, p.Stages[4].ID, "Signed", "#00ff00"); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateStage(ctx, p.Stages[1].ID, "pilot", ""); err == nil {
		t.Error("renaming onto an existing stage accepted")
	}
	p, _ = s.Pipeline(ctx, "partners")
	if p.Stages[4].Name != "Signed" || p.Stages[4].Color != "#00ff00" || p.Stages[4].Kind != model.StageWon {
		t.Errorf("renamed Won = %+v", p.Stages[4])
	}

	// Deleting stages: system never; occupied needs a target in the pipeline.
	if err := s.DeleteStage(ctx, p.Stages[0].ID, 0); err == nil {
		t.Error("deleting Incoming accepted")
	}
	opp := mustCreate(t, s, "opportunities", map[string]model.Value{"name": text("Deal"), "stage": id(p.Stages[2].ID)})
	err = s.DeleteStage(ctx, p.Stages[2].ID, 0)
	if err == nil || !strings.Contains(err.Error(), "1 opportunity") {
		t.Errorf("deleting occupied stage = %v", err)
	}
	sales, _ := s.Pipeline(ctx, "Sales")
	if err := s.DeleteStage(ctx, p.Stages[2].ID, sales.Stages[1].ID); err == nil {
		t.Error("moving to another pipeline's stage accepted")
	}
	if err := s.DeleteStage(ctx, p.Stages[2].ID, p.Stages[3].ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, "opportunities", opp.ID)
	if got.Get("stage").Ref != "Contract" || got.Get("stage_changed_at").Int <= opp.Get("stage_changed_at").Int {
		t.Errorf("moved opportunity: %+v", got.Values)
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "opportunities", RecordID: opp.ID, Limit: 1})
	if len(evs) != 1 || evs[0].Kind != model.EventStageChanged || evs[0].Old != "Pilot" || evs[0].New != "Contract" {
		t.Errorf("events = %+v", evs)
	}
	p, _ = s.Pipeline(ctx, "partners")
	if stageNames(p) != "Incoming,Intro,Contract,Signed,Lost" || p.Stages[4].Position != 4 {
		t.Errorf("after DeleteStage: %s", stageNames(p))
	}

	// Pipelines: rename, refuse deleting one with opportunities.
	if err := s.RenamePipeline(ctx, "Partners", "Alliances"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePipeline(ctx, "alliances"); err == nil || !strings.Contains(err.Error(), "1 opportunity") {
		t.Errorf("deleting occupied pipeline = %v", err)
	}
	s.Update(ctx, "opportunities", opp.ID, map[string]model.Value{"pipeline": ref("Sales")}, UpdateOptions{})
	if err := s.DeletePipeline(ctx, "alliances"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pipeline(ctx, "alliances"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted pipeline: %v", err)
	}
	ps, _ := s.Pipelines(ctx)
	if len(ps) != 1 {
		t.Errorf("pipelines = %d", len(ps))
	}
}

func TestManyPipelinesManyStages(t *testing.T) {
	s := newTestStore(t)
	for i := range 50 {
		names := make([]string, 97)
		for j := range names {
			names[j] = fmt.Sprintf("Step %03d", j)
		}
		if _, err := s.CreatePipeline(ctx, fmt.Sprintf("P%02d", i), names); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := s.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 51 {
		t.Fatalf("pipelines = %d", len(ps))
	}
	for _, p := range ps[1:] {
		if len(p.Stages) != 100 || p.Stages[0].Name != "Incoming" || p.Stages[50].Name != "Step 049" || p.Stages[99].Name != "Lost" {
			t.Fatalf("pipeline %s has %d stages", p.Name, len(p.Stages))
		}
	}
	last := ps[50]
	o := mustCreate(t, s, "opportunities", map[string]model.Value{"name": text("X"), "pipeline": ref(last.Name), "stage": ref("Step 096")})
	if o.Get("stage").Int != last.Stages[97].ID {
		t.Errorf("stage = %+v", o.Get("stage"))
	}
	groups, err := s.StageTotals(ctx, last.ID, model.Filter{})
	if err != nil || len(groups) != 1 || groups[0].Key != fmt.Sprint(last.Stages[97].ID) {
		t.Errorf("totals = %+v %v", groups, err)
	}
}

func TestMembers(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.AddMember(ctx, model.Member{Login: "Bob", Name: "Bob Stone", Email: "bob@acme.com"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMember(ctx, model.Member{Login: "bob"}); err == nil {
		t.Error("duplicate login accepted")
	}
	if _, err := s.AddMember(ctx, model.Member{Login: "no spaces"}); err == nil {
		t.Error("invalid login accepted")
	}
	m, err := s.Member(ctx, "BOB")
	if err != nil || m.Login != "bob" || !m.Active || m.Name != "Bob Stone" {
		t.Errorf("member = %+v %v", m, err)
	}
	if err := s.DeactivateMember(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Member(ctx, "bob"); m.Active {
		t.Error("still active")
	}
	if err := s.DeactivateMember(ctx, "zed"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deactivate unknown = %v", err)
	}
	ms, _ := s.Members(ctx)
	if len(ms) != 2 || ms[0].Login != "alice" || ms[1].Login != "bob" {
		t.Errorf("members = %+v", ms)
	}
	if err := s.SetActor("carol"); err != nil {
		t.Fatal(err)
	}
	r := mustCreate(t, s, "notes", map[string]model.Value{"title": text("Hi")})
	if r.Get("owner").Ref != "carol" || r.Get("created_by").Int != s.Actor().ID {
		t.Errorf("record of carol: %+v", r.Values)
	}
}

func TestGroupByAndStageTotals(t *testing.T) {
	s := newTestStore(t)
	sales, _ := s.Pipeline(ctx, "Sales")
	add := func(name, stage string, amount int64, code string) {
		vals := map[string]model.Value{"name": text(name), "stage": ref(stage)}
		if code != "" {
			vals["amount"] = money(amount, code)
		}
		mustCreate(t, s, "opportunities", vals)
	}
	add("a", "Proposal", 1_000_000, "USD")
	add("b", "Proposal", 2_500_000, "USD")
	add("c", "Proposal", 7_000_000, "EUR")
	add("d", "Incoming", 5_000_000, "USD")
	add("e", "Won", 0, "")
	gone := mustCreate(t, s, "opportunities", map[string]model.Value{"name": text("f"), "stage": ref("Won"), "amount": money(9_000_000, "USD")})
	s.Delete(ctx, "opportunities", gone.ID)

	groups, err := s.StageTotals(ctx, sales.ID, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, fmt.Sprintf("%s/%s:%d:%.0f", g.Key, g.Code, g.Count, g.Results[0]))
	}
	stage := func(n int) int64 { return sales.Stages[n].ID }
	want := []string{
		fmt.Sprintf("%d/USD:1:5000000", stage(0)),
		fmt.Sprintf("%d/EUR:1:7000000", stage(3)),
		fmt.Sprintf("%d/USD:2:3500000", stage(3)),
		fmt.Sprintf("%d/:1:0", stage(5)),
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stage totals\n got %v\nwant %v", got, want)
	}

	f, err := model.ParseFilter("name:a")
	if err != nil {
		t.Fatal(err)
	}
	groups, err = s.StageTotals(ctx, sales.ID, f)
	if err != nil || len(groups) != 1 || groups[0].Count != 1 {
		t.Errorf("filtered totals = %+v %v", groups, err)
	}

	// Tasks by status in option order with counts; a numeric aggregate.
	for i, st := range []string{"done", "todo", "todo", "in_progress", ""} {
		vals := map[string]model.Value{"title": text(fmt.Sprint("t", i))}
		if st != "" {
			vals["status"] = text(st)
		}
		mustCreate(t, s, "tasks", vals)
	}
	groups, err = s.GroupBy(ctx, "tasks", "status", model.Filter{}, []model.Aggregate{{Func: "count"}, {Func: "max", Field: "created_at"}})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, g := range groups {
		got = append(got, fmt.Sprintf("%s:%d", g.Key, g.Count))
		if g.Results[0] != float64(g.Count) || g.Results[1] == 0 {
			t.Errorf("group %s results %v", g.Key, g.Results)
		}
	}
	if strings.Join(got, " ") != "todo:2 in_progress:1 done:1 :1" {
		t.Errorf("by status = %v", got)
	}
	for i, n := range []float64{10, 20, 30} {
		mustCreate(t, s, "companies", map[string]model.Value{"name": text(fmt.Sprint("c", i)), "employees": num(n), "industry": text("software")})
	}
	groups, err = s.GroupBy(ctx, "companies", "industry", model.Filter{}, []model.Aggregate{{Func: "sum", Field: "employees"}, {Func: "avg", Field: "employees"}, {Func: "min", Field: "employees"}})
	if err != nil || len(groups) != 1 || groups[0].Results[0] != 60 || groups[0].Results[1] != 20 || groups[0].Results[2] != 10 {
		t.Errorf("companies by industry = %+v %v", groups, err)
	}
	if _, err := s.GroupBy(ctx, "companies", "industry", model.Filter{}, []model.Aggregate{{Func: "sum", Field: "name"}}); err == nil {
		t.Error("sum of text accepted")
	}
	if _, err := s.GroupBy(ctx, "companies", "industry", model.Filter{}, []model.Aggregate{{Func: "median", Field: "employees"}}); err == nil {
		t.Error("unknown aggregate accepted")
	}
}

// The trigger-kept totals must equal a scan of the table after every kind
// of write: create, update of stage/amount/currency/pipeline, soft delete,
// restore, bulk insert and a removed stage's records moving.
func TestStageTotalsTriggersMatchScan(t *testing.T) {
	s := newTestStore(t)
	sales, _ := s.Pipeline(ctx, "Sales")
	other, err := s.CreatePipeline(ctx, "Other", []string{"A", "B"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		for _, p := range []model.Pipeline{sales, other} {
			fast, err := s.StageTotals(ctx, p.ID, model.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			slow, err := s.groupBy(ctx, "opportunities", "stage", model.Filter{}, []model.Aggregate{{Func: "sum", Field: "amount"}}, `"pipeline" = ?`, []any{p.ID})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(fast) != fmt.Sprint(slow) {
				t.Fatalf("%s, pipeline %s:\n triggers %v\n scan     %v", step, p.Name, fast, slow)
			}
			// Filtered totals (one pass, currencies as FILTER aggregates)
			// agree with the general GROUP BY too.
			for _, src := range []string{"-name:zzz", "name:1", "-stage:won"} {
				f, err := model.ParseFilter(src)
				if err != nil {
					t.Fatal(err)
				}
				fast, err := s.StageTotals(ctx, p.ID, f)
				if err != nil {
					t.Fatal(err)
				}
				slow, err := s.groupBy(ctx, "opportunities", "stage", f, []model.Aggregate{{Func: "sum", Field: "amount"}}, `"pipeline" = ?`, []any{p.ID})
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(fast) != fmt.Sprint(slow) {
					t.Fatalf("%s, pipeline %s, %s:\n one pass %v\n group by %v", step, p.Name, src, fast, slow)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	codes := []string{"USD", "EUR", ""}
	var ids []int64
	for i := range 40 {
		vals := map[string]model.Value{"name": text(fmt.Sprint("o", i)), "stage": id(sales.Stages[rng.IntN(len(sales.Stages))].ID)}
		if c := codes[rng.IntN(3)]; c != "" {
			vals["amount"] = money(int64(rng.IntN(1000))*1_000_000, c)
		}
		ids = append(ids, mustCreate(t, s, "opportunities", vals).ID)
	}
	check("create")
	for i, oid := range ids[:20] {
		var vals map[string]model.Value
		switch i % 4 {
		case 0:
			vals = map[string]model.Value{"stage": id(sales.Stages[rng.IntN(len(sales.Stages))].ID)}
		case 1:
			vals = map[string]model.Value{"amount": money(int64(i)*3_000_000, "EUR")}
		case 2:
			vals = map[string]model.Value{"amount": {}}
		case 3:
			vals = map[string]model.Value{"stage": id(other.Stages[1].ID), "amount": money(5_000_000, "GBP")}
		}
		if _, err := s.Update(ctx, "opportunities", oid, vals, UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	check("update")
	s.Delete(ctx, "opportunities", ids[20:30]...)
	check("delete")
	s.Restore(ctx, "opportunities", ids[20:25]...)
	check("restore")
	// Inactive records are hidden from lists and the board's cards, so the
	// kept totals leave them out too.
	for _, oid := range ids[30:36] {
		if _, err := s.Update(ctx, "opportunities", oid, map[string]model.Value{"active": {Valid: true, Int: 0}}, UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	check("deactivate")
	if _, err := s.Update(ctx, "opportunities", ids[30], map[string]model.Value{"active": {Valid: true, Int: 1}}, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	check("reactivate")
	w, err := s.NewBulkWriter(ctx, "opportunities", []string{"name", "amount", "pipeline", "stage"}, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 250 {
		w.Add(text(fmt.Sprint("bulk", i)), money(1_000_000, "USD"), id(other.ID), id(other.Stages[i%len(other.Stages)].ID))
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	check("bulk")
	if err := s.DeleteStage(ctx, other.Stages[1].ID, other.Stages[2].ID); err != nil {
		t.Fatal(err)
	}
	other, _ = s.Pipeline(ctx, "Other")
	check("stage removed")
	if g, _ := s.StageTotals(ctx, other.ID, model.Filter{}); len(g) == 0 {
		t.Error("no totals for Other")
	}
}
