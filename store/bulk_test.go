package store

import (
	"fmt"
	"strings"
	"testing"

	"rolo/model"
)

func TestBulkInsertWithEvents(t *testing.T) {
	s := newTestStore(t)
	acme := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Acme")})
	mustCreate(t, s, "people", map[string]model.Value{"name": text("Existing")})
	bob, _ := s.AddMember(ctx, model.Member{Login: "bob"})
	w, err := s.NewBulkWriter(ctx, "people", []string{"name", "emails", "city", "company", "owner"}, BulkOptions{Events: true})
	if err != nil {
		t.Fatal(err)
	}
	const n = 1234 // several full statements and a remainder
	for i := range n {
		owner := model.Value{}
		if i%2 == 0 {
			owner = id(bob.ID)
		}
		if err := w.Add(text(fmt.Sprintf("Person %04d", i)), list(fmt.Sprintf("p%d@x.com", i), fmt.Sprintf("alt%d@x.com", i)),
			text("Paris"), id(acme.ID), owner); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Add(text("too few")); err == nil {
		t.Error("wrong arity accepted")
	}
	got, err := w.Commit()
	if err != nil || got != n {
		t.Fatalf("commit = %d, %v", got, err)
	}
	if c, _ := s.Count(ctx, "people", model.Filter{}); c != n+1 {
		t.Errorf("count = %d", c)
	}
	pg, err := s.Query(ctx, "people", model.Query{Limit: 3, Sorts: []model.Sort{{Field: "id"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := pg.Records[1]
	if r.Label != "Person 0000" || r.Get("company").Ref != "Acme" || r.Get("owner").Ref != "bob" ||
		r.Get("created_by").Ref != "alice" || r.Get("active").Int != 1 || len(r.Get("emails").List) != 2 {
		t.Errorf("bulk record = %+v", r.Values)
	}
	if pg.Records[2].Get("owner").Ref != "alice" {
		t.Errorf("default owner = %+v", pg.Records[2].Get("owner"))
	}
	if !(pg.Records[0].Get("position").Num < r.Get("position").Num && r.Get("position").Num < pg.Records[2].Get("position").Num) {
		t.Error("positions do not continue after the existing records")
	}
	var created, imported int
	s.db.QueryRow(`SELECT count(*) FROM events WHERE kind = 'created' AND object = 'people'`).Scan(&created)
	s.db.QueryRow(`SELECT count(*) FROM events WHERE kind = 'imported'`).Scan(&imported)
	if created != n+1 || imported != 1 {
		t.Errorf("events: %d created, %d imported", created, imported)
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "people", RecordID: r.ID})
	if len(evs) != 1 || evs[0].New != "Person 0000" {
		t.Errorf("record events = %+v", evs)
	}
	// The writer is done.
	if err := w.Add(text("x"), model.Value{}, model.Value{}, model.Value{}, model.Value{}); err == nil {
		t.Error("Add after Commit accepted")
	}
}

func TestBulkFailureAndRollbackWriteNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane"), "emails": list("jane@x.com")})
	w, err := s.NewBulkWriter(ctx, "people", []string{"name", "emails"}, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var addErr error
	for i := range 500 {
		e := fmt.Sprintf("p%d@x.com", i)
		if i == 450 {
			e = "jane@x.com"
		}
		if addErr = w.Add(text("P"), list(e)); addErr != nil {
			break
		}
	}
	if addErr == nil {
		_, addErr = w.Commit()
	}
	if addErr == nil || !strings.Contains(addErr.Error(), "nothing was imported") {
		t.Errorf("err = %v", addErr)
	}
	if c, _ := s.Count(ctx, "people", model.Filter{}); c != 1 {
		t.Errorf("count after failed bulk = %d", c)
	}

	w, err = s.NewBulkWriter(ctx, "people", []string{"name"}, BulkOptions{Events: true})
	if err != nil {
		t.Fatal(err)
	}
	w.Add(text("A"))
	if err := w.Rollback(); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Count(ctx, "people", model.Filter{}); c != 1 {
		t.Errorf("count after rollback = %d", c)
	}
	// The write lock is released: a normal write goes through.
	mustCreate(t, s, "people", map[string]model.Value{"name": text("After")})

	if _, err := s.NewBulkWriter(ctx, "people", []string{"name", "nope"}, BulkOptions{}); err == nil || !strings.Contains(err.Error(), "job_title") {
		t.Errorf("unknown field = %v", err)
	}
}

func TestBulkOpportunitiesGetBoardDefaults(t *testing.T) {
	s := newTestStore(t)
	sales, _ := s.Pipeline(ctx, "Sales")
	w, err := s.NewBulkWriter(ctx, "opportunities", []string{"name", "amount"}, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 450 {
		w.Add(text(fmt.Sprint("deal ", i)), money(int64(i)*1_000_000, "USD"))
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	groups, err := s.StageTotals(ctx, sales.ID, model.Filter{})
	if err != nil || len(groups) != 1 || groups[0].Count != 450 || groups[0].Key != fmt.Sprint(sales.Stages[0].ID) {
		t.Fatalf("totals = %+v %v", groups, err)
	}
	if groups[0].Results[0] != 449*450/2*1_000_000 {
		t.Errorf("sum = %v", groups[0].Results[0])
	}
	r, _ := s.Get(ctx, "opportunities", 7)
	if r.Get("stage_changed_at").Int == 0 || r.Get("stage").Ref != "Incoming" {
		t.Errorf("bulk opportunity = %+v", r.Values)
	}
}
