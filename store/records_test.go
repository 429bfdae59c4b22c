package store

import (
	"errors"
	"strings"
	"testing"

	"rolo/model"
)

func TestCreateResolvesReferencesAndReadsBack(t *testing.T) {
	s := newTestStore(t)
	acme := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Acme"), "domain": list("https://acme.com")})
	p := mustCreate(t, s, "people", map[string]model.Value{
		"name": text("Jane Doe"), "emails": list("jane@acme.com", "j@acme.com"), "company": ref("acme.com"),
		"phones": list("+12015550123"),
	})
	if p.ID == 0 || p.Label != "Jane Doe" || p.Object != "people" {
		t.Fatalf("record = %+v", p)
	}
	if c := p.Get("company"); c.Int != acme.ID || c.Ref != "Acme" {
		t.Errorf("company = %+v, want #%d Acme", c, acme.ID)
	}
	got, err := s.Get(ctx, "people", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := got.Get("emails"); len(e.List) != 2 || e.List[1] != "j@acme.com" {
		t.Errorf("emails = %+v", e)
	}
	if o := got.Get("owner"); o.Int != s.Actor().ID || o.Ref != "alice" {
		t.Errorf("owner = %+v", o)
	}
	if got.Get("created_by").Int != s.Actor().ID {
		t.Errorf("created_by = %+v", got.Get("created_by"))
	}
	if got.Get("created_at").Int == 0 || got.Get("created_at").Int != got.Get("updated_at").Int {
		t.Errorf("timestamps = %v %v", got.Get("created_at"), got.Get("updated_at"))
	}
	if got.Get("active").Int != 1 || got.Get("position").Num <= 0 {
		t.Errorf("active/position = %+v %+v", got.Get("active"), got.Get("position"))
	}
	if got.Get("city").Valid {
		t.Errorf("empty city = %+v", got.Get("city"))
	}
	// Every field is present in Values, system fields included.
	obj, _ := s.Object("people")
	for _, f := range obj.Fields {
		if _, ok := got.Values[f.Name]; !ok {
			t.Errorf("Values lacks %s", f.Name)
		}
	}
	// A name is matched regardless of case, beyond ASCII too.
	aero := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Ærø Ñandú")})
	if c := mustCreate(t, s, "people", map[string]model.Value{"name": text("Ole"), "company": ref("ærø ñANDÚ")}).Get("company"); c.Int != aero.ID {
		t.Errorf("company by a differently cased name = %+v, want #%d", c, aero.ID)
	}
	second := mustCreate(t, s, "people", map[string]model.Value{"name": text("Second")})
	if second.Get("position").Num <= got.Get("position").Num {
		t.Errorf("position %v not after %v", second.Get("position").Num, got.Get("position").Num)
	}
	evs, err := s.Events(ctx, EventQuery{Object: "people", RecordID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Kind != model.EventCreated || evs[0].Actor != s.Actor().ID || evs[0].New != "Jane Doe" {
		t.Errorf("events = %+v", evs)
	}
	if _, err := s.Get(ctx, "people", 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(999) = %v, want ErrNotFound", err)
	}
}

func TestCreateErrors(t *testing.T) {
	s := newTestStore(t)
	_, err := s.Create(ctx, "people", map[string]model.Value{"name": text("X"), "nickname": text("x")})
	if err == nil || !strings.Contains(err.Error(), `"nickname"`) || !strings.Contains(err.Error(), "job_title") {
		t.Errorf("unknown field error = %v", err)
	}
	if _, err := s.Create(ctx, "people", map[string]model.Value{"city": text("Paris")}); err == nil || !strings.Contains(err.Error(), "Name is required") {
		t.Errorf("required error = %v", err)
	}
	if _, err := s.Create(ctx, "people", map[string]model.Value{"name": text("X"), "created_at": id(5)}); err == nil {
		t.Error("setting created_at was accepted")
	}
	if _, err := s.Create(ctx, "tasks", map[string]model.Value{"title": text("X"), "status": text("nope")}); err == nil {
		t.Error("unknown option accepted")
	}
	if _, err := s.Create(ctx, "people", map[string]model.Value{"name": text("X"), "company": ref("Nobody Inc")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unresolvable company = %v", err)
	}
	if _, err := s.Create(ctx, "people", map[string]model.Value{"name": text("X"), "company": id(77)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing company id = %v", err)
	}
	if _, err := s.Create(ctx, "widgets", nil); err == nil || !strings.Contains(err.Error(), "companies, people") {
		t.Errorf("unknown object error = %v", err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n)
	if n != 0 {
		t.Errorf("failed creates wrote %d events", n)
	}
}

func TestUniqueCollision(t *testing.T) {
	s := newTestStore(t)
	jane := mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane Doe"), "emails": list("jane@acme.com")})
	_, err := s.Create(ctx, "people", map[string]model.Value{"name": text("Other"), "emails": list("JANE@acme.com")})
	var ue *UniqueError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want *UniqueError", err)
	}
	if ue.Field != "emails" || ue.ID != jane.ID {
		t.Errorf("unique error = %+v", ue)
	}
	want := "a person with jane@acme.com exists: #1 Jane Doe"
	if ue.Error() != want {
		t.Errorf("message = %q, want %q", ue.Error(), want)
	}
	// A soft-deleted holder still blocks (it can be restored) and says so.
	s.Delete(ctx, "people", jane.ID)
	_, err = s.Create(ctx, "people", map[string]model.Value{"name": text("Other"), "emails": list("jane@acme.com")})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "(deleted)") {
		t.Errorf("err = %v", err)
	}
}

func TestRelationByLabelAmbiguous(t *testing.T) {
	s := newTestStore(t)
	a := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Acme"), "domain": list("https://acme.com")})
	b := mustCreate(t, s, "companies", map[string]model.Value{"name": text("ACME"), "domain": list("https://acme.org")})
	mustCreate(t, s, "companies", map[string]model.Value{"name": text("Globex")})
	_, err := s.Create(ctx, "people", map[string]model.Value{"name": text("X"), "company": ref("acme")})
	if err == nil || !strings.Contains(err.Error(), "#1 Acme") || !strings.Contains(err.Error(), "#2 ACME") {
		t.Errorf("ambiguous error = %v", err)
	}
	p := mustCreate(t, s, "people", map[string]model.Value{"name": text("X"), "company": ref("acme.org")})
	if p.Get("company").Int != b.ID {
		t.Errorf("by domain: %+v", p.Get("company"))
	}
	p = mustCreate(t, s, "people", map[string]model.Value{"name": text("Y"), "company": ref("globex")})
	if p.Get("company").Ref != "Globex" {
		t.Errorf("by label: %+v", p.Get("company"))
	}
	p = mustCreate(t, s, "people", map[string]model.Value{"name": text("Z"), "company": ref("#1")})
	if p.Get("company").Int != a.ID {
		t.Errorf("by #id: %+v", p.Get("company"))
	}
}

func TestMemberReferences(t *testing.T) {
	s := newTestStore(t)
	bob, err := s.AddMember(ctx, model.Member{Login: "bob", Name: "Bob Stone", Email: "bob@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"bob", "BOB@acme.com", "bob stone"} {
		task := mustCreate(t, s, "tasks", map[string]model.Value{"title": text("Call"), "assignee": ref(r)})
		if a := task.Get("assignee"); a.Int != bob.ID || a.Ref != "Bob Stone" {
			t.Errorf("assignee %q = %+v", r, a)
		}
	}
	task := mustCreate(t, s, "tasks", map[string]model.Value{"title": text("Mine"), "assignee": ref("me")})
	if task.Get("assignee").Int != s.Actor().ID {
		t.Errorf("me = %+v", task.Get("assignee"))
	}
	if _, err := s.Create(ctx, "tasks", map[string]model.Value{"title": text("X"), "assignee": ref("carol")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member = %v", err)
	}
}

func TestUpdateEventsAndNoOps(t *testing.T) {
	s := newTestStore(t)
	bob, _ := s.AddMember(ctx, model.Member{Login: "bob", Name: "Bob"})
	p := mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane"), "city": text("Paris")})
	before := p.Get("updated_at").Int

	same, err := s.Update(ctx, "people", p.ID, map[string]model.Value{"city": text("Paris"), "name": text("Jane")}, UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if same.Get("updated_at").Int != before {
		t.Error("a no-op update bumped updated_at")
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "people", RecordID: p.ID})
	if len(evs) != 1 {
		t.Fatalf("no-op update wrote events: %+v", evs)
	}

	up, err := s.Update(ctx, "people", p.ID, map[string]model.Value{
		"city": text("Berlin"), "job_title": text("CTO"), "name": text("Jane"), "owner": ref("bob"),
	}, UpdateOptions{IfUpdatedAt: before})
	if err != nil {
		t.Fatal(err)
	}
	if up.Get("city").Str != "Berlin" || up.Get("owner").Int != bob.ID || up.Get("updated_at").Int <= before {
		t.Errorf("updated = %+v", up.Values)
	}
	evs, _ = s.Events(ctx, EventQuery{Object: "people", RecordID: p.ID})
	var got []string
	for _, e := range evs {
		got = append(got, string(e.Kind)+" "+e.Field+" "+e.Old+"→"+e.New)
	}
	want := []string{"owner_changed owner alice→Bob", "updated city Paris→Berlin", "updated job_title →CTO", "created  →Jane"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("events =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A stale IfUpdatedAt is a conflict carrying the current record.
	_, err = s.Update(ctx, "people", p.ID, map[string]model.Value{"city": text("Rome")}, UpdateOptions{IfUpdatedAt: before})
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Current.Get("city").Str != "Berlin" {
		t.Fatalf("err = %v", err)
	}
	cur, _ := s.Get(ctx, "people", p.ID)
	if cur.Get("city").Str != "Berlin" {
		t.Error("a conflicting update was written")
	}
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane"), "emails": list("jane@acme.com")})
	p := mustCreate(t, s, "people", map[string]model.Value{"name": text("John"), "city": text("Paris")})
	nEvents := func() int {
		var n int
		s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n)
		return n
	}
	before := nEvents()
	// city and job_title are fine, emails collides: nothing may be written.
	_, err := s.Update(ctx, "people", p.ID, map[string]model.Value{
		"city": text("Rome"), "job_title": text("CEO"), "emails": list("jane@acme.com"),
	}, UpdateOptions{})
	var ue *UniqueError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v", err)
	}
	// An invalid value after valid ones: same.
	if _, err := s.Update(ctx, "people", p.ID, map[string]model.Value{"city": text("Rome"), "emails": list("not an email")}, UpdateOptions{}); err == nil {
		t.Fatal("invalid email accepted")
	}
	got, _ := s.Get(ctx, "people", p.ID)
	if got.Get("city").Str != "Paris" || got.Get("job_title").Valid || got.Get("updated_at").Int != p.Get("updated_at").Int {
		t.Errorf("record changed: %+v", got.Values)
	}
	if nEvents() != before {
		t.Errorf("events written by failed updates")
	}
	if _, err := s.Update(ctx, "people", p.ID, map[string]model.Value{"name": {}}, UpdateOptions{}); err == nil {
		t.Error("emptying a required field was accepted")
	}
}

func TestOpportunityBoardDefaultsAndStageChanges(t *testing.T) {
	s := newTestStore(t)
	sales, _ := s.Pipeline(ctx, "sales")
	o := mustCreate(t, s, "opportunities", map[string]model.Value{"name": text("Big deal"), "amount": money(5_000_000_000, "USD")})
	if o.Get("pipeline").Int != sales.ID || o.Get("pipeline").Ref != "Sales" {
		t.Errorf("pipeline = %+v", o.Get("pipeline"))
	}
	if o.Get("stage").Int != sales.Stages[0].ID || o.Get("stage").Ref != "Incoming" {
		t.Errorf("stage = %+v", o.Get("stage"))
	}
	if o.Get("stage_changed_at").Int != o.Get("created_at").Int {
		t.Errorf("stage_changed_at = %v", o.Get("stage_changed_at"))
	}
	up, err := s.Update(ctx, "opportunities", o.ID, map[string]model.Value{"stage": ref("Proposal")}, UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if up.Get("stage").Ref != "Proposal" || up.Get("stage_changed_at").Int <= o.Get("stage_changed_at").Int {
		t.Errorf("after move: %+v %+v", up.Get("stage"), up.Get("stage_changed_at"))
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "opportunities", RecordID: o.ID, Limit: 1})
	if len(evs) != 1 || evs[0].Kind != model.EventStageChanged || evs[0].Old != "Incoming" || evs[0].New != "Proposal" {
		t.Errorf("events = %+v", evs)
	}

	// Another pipeline: its stage brings the pipeline along; a pipeline
	// alone brings its first stage; a mismatch is refused.
	other, err := s.CreatePipeline(ctx, "Partners", []string{"Intro", "Pilot"})
	if err != nil {
		t.Fatal(err)
	}
	up, err = s.Update(ctx, "opportunities", o.ID, map[string]model.Value{"stage": id(other.Stages[2].ID)}, UpdateOptions{})
	if err != nil || up.Get("pipeline").Int != other.ID || up.Get("stage").Ref != "Pilot" {
		t.Errorf("move to other pipeline's stage: %v %+v %+v", err, up.Get("pipeline"), up.Get("stage"))
	}
	up, err = s.Update(ctx, "opportunities", o.ID, map[string]model.Value{"pipeline": ref("Sales")}, UpdateOptions{})
	if err != nil || up.Get("stage").Ref != "Incoming" {
		t.Errorf("pipeline alone: %v %+v", err, up.Get("stage"))
	}
	if _, err := s.Update(ctx, "opportunities", o.ID, map[string]model.Value{"pipeline": ref("Partners"), "stage": id(sales.Stages[3].ID)}, UpdateOptions{}); err == nil {
		t.Error("stage of another pipeline accepted")
	}
	if _, err := s.Create(ctx, "opportunities", map[string]model.Value{"name": text("X"), "pipeline": ref("Partners"), "stage": ref("Intro")}); err != nil {
		t.Errorf("stage by name within its pipeline: %v", err)
	}
}

func TestUpsert(t *testing.T) {
	s := newTestStore(t)
	r, created, err := s.Upsert(ctx, "people", "emails", map[string]model.Value{"name": text("Jane"), "emails": list("jane@acme.com")})
	if err != nil || !created {
		t.Fatalf("first upsert: %v %v", created, err)
	}
	r2, created, err := s.Upsert(ctx, "people", "emails", map[string]model.Value{"emails": list("jane@acme.com"), "city": text("Oslo")})
	if err != nil || created || r2.ID != r.ID || r2.Get("city").Str != "Oslo" || r2.Label != "Jane" {
		t.Fatalf("second upsert: %v %v %+v", created, err, r2)
	}
	s.Delete(ctx, "people", r.ID)
	r3, created, err := s.Upsert(ctx, "people", "emails", map[string]model.Value{"emails": list("jane@acme.com"), "city": text("Rome")})
	if err != nil || created || r3.ID != r.ID || r3.Get("deleted_at").Valid || r3.Get("city").Str != "Rome" {
		t.Fatalf("upsert of deleted: %v %v %+v", created, err, r3.Values)
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "people", RecordID: r.ID})
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, string(e.Kind))
	}
	if strings.Join(kinds, " ") != "updated restored deleted updated created" {
		t.Errorf("events = %v", kinds)
	}
	if _, _, err := s.Upsert(ctx, "people", "city", map[string]model.Value{"city": text("Oslo")}); err == nil || !strings.Contains(err.Error(), "emails") {
		t.Errorf("non-unique match = %v", err)
	}
	r4, created, err := s.Upsert(ctx, "people", "id", map[string]model.Value{"id": num(float64(r.ID)), "job_title": text("CFO")})
	if err != nil || created || r4.Get("job_title").Str != "CFO" {
		t.Errorf("upsert by id: %v %v", created, err)
	}
	if _, _, err := s.Upsert(ctx, "people", "id", map[string]model.Value{"id": num(999), "job_title": text("CFO")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("upsert by missing id: %v", err)
	}
}

func TestDeleteRestore(t *testing.T) {
	s := newTestStore(t)
	a := mustCreate(t, s, "people", map[string]model.Value{"name": text("A")})
	b := mustCreate(t, s, "people", map[string]model.Value{"name": text("B")})
	n, err := s.Delete(ctx, "people", a.ID, b.ID, 12345)
	if err != nil || n != 2 {
		t.Fatalf("delete = %d %v", n, err)
	}
	if n, _ := s.Delete(ctx, "people", a.ID); n != 0 {
		t.Errorf("deleting twice = %d", n)
	}
	if c, _ := s.Count(ctx, "people", model.Filter{}); c != 0 {
		t.Errorf("count after delete = %d", c)
	}
	pg, _ := s.Query(ctx, "people", model.Query{Deleted: true})
	if len(pg.Records) != 2 {
		t.Errorf("deleted = %d", len(pg.Records))
	}
	if _, err := s.Update(ctx, "people", a.ID, map[string]model.Value{"city": text("X")}, UpdateOptions{}); err == nil {
		t.Error("updating a deleted record was accepted")
	}
	n, err = s.Restore(ctx, "people", a.ID)
	if err != nil || n != 1 {
		t.Fatalf("restore = %d %v", n, err)
	}
	if c, _ := s.Count(ctx, "people", model.Filter{}); c != 1 {
		t.Errorf("count after restore = %d", c)
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "people"})
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, string(e.Kind))
	}
	if strings.Join(kinds, " ") != "restored deleted deleted created created" {
		t.Errorf("events = %v", kinds)
	}
	// Paging through events.
	page, _ := s.Events(ctx, EventQuery{Limit: 2})
	rest, _ := s.Events(ctx, EventQuery{BeforeID: page[1].ID})
	if len(page) != 2 || len(rest) != 3 || rest[0].ID >= page[1].ID {
		t.Errorf("event paging: %d %d", len(page), len(rest))
	}
}
