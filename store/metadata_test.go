package store

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolo/model"
)

func TestStandardObjectsMetadata(t *testing.T) {
	s := newTestStore(t)
	for _, name := range []string{"people", "Person", "PEOPLE", "person"} {
		o, err := s.Object(name)
		if err != nil || o.Name != "people" {
			t.Errorf("Object(%q) = %v, %v", name, o.Name, err)
		}
	}
	if _, err := s.Object("widgets"); err == nil || !strings.Contains(err.Error(), "companies, people, opportunities, tasks, notes") {
		t.Errorf("unknown object error = %v", err)
	}
	people, _ := s.Object("people")
	if !people.Standard || people.LabelField != "name" || people.Shortcut != "p" {
		t.Errorf("people = %+v", people)
	}
	for _, sys := range []string{"id", "created_at", "updated_at", "created_by", "owner", "position", "active", "deleted_at"} {
		f, ok := people.Field(sys)
		if !ok || !f.System {
			t.Errorf("system field %s = %+v", sys, f)
		}
	}
	emails, _ := people.Field("emails")
	if !emails.Unique || emails.Type != model.TypeEmails {
		t.Errorf("emails = %+v", emails)
	}
	company, _ := people.Field("company")
	if company.Target != "companies" || company.InverseLabel != "People" {
		t.Errorf("company = %+v", company)
	}
	tasks, _ := s.Object("tasks")
	status, _ := tasks.Field("status")
	if len(status.Options) != 3 || status.Options[1].Value != "in_progress" || status.Options[1].Color == "" {
		t.Errorf("status options = %+v", status.Options)
	}
	opp, _ := s.Object("opportunities")
	if f, ok := opp.Field("stage_changed_at"); !ok || !f.System || f.Type != model.TypeDateTime {
		t.Errorf("stage_changed_at = %+v", f)
	}
	var inv []string
	for _, f := range s.Inverse("companies") {
		inv = append(inv, f.Object+"."+f.Name)
	}
	if strings.Join(inv, " ") != "people.company opportunities.company tasks.company notes.company" {
		t.Errorf("inverse = %v", inv)
	}
	// Objects returns copies.
	objs := s.Objects()
	objs[0].Fields[1].Label = "Hacked"
	objs[0].Name = "hacked"
	if o, _ := s.Object("companies"); o.Fields[1].Label == "Hacked" {
		t.Error("Objects() exposed the cache")
	}
}

func TestCustomObjectLifecycle(t *testing.T) {
	s := newTestStore(t)
	proj, err := s.CreateObject(ctx, "projects", "Project", "Projects")
	if err != nil {
		t.Fatal(err)
	}
	if proj.Standard || proj.LabelField != "name" {
		t.Errorf("projects = %+v", proj)
	}
	if f, ok := proj.Field("name"); !ok || !f.Required || f.Type != model.TypeText {
		t.Errorf("name field = %+v", f)
	}
	if _, err := s.CreateObject(ctx, "projects", "P", "Ps"); err == nil {
		t.Error("duplicate object accepted")
	}
	if _, err := s.CreateObject(ctx, "Bad Name", "X", "Xs"); err == nil {
		t.Error("invalid name accepted")
	}
	budget, err := s.AddField(ctx, "projects", model.Field{Name: "budget", Type: model.TypeCurrency})
	if err != nil {
		t.Fatal(err)
	}
	if budget.Label != "Budget" || budget.ID == 0 || budget.Object != "projects" {
		t.Errorf("budget = %+v", budget)
	}
	tags, err := s.AddField(ctx, "projects", model.Field{Name: "tags", Type: model.TypeMultiSelect,
		Options: []model.SelectOption{{Label: "Urgent"}, {Label: "Long term", Color: "#123456"}}})
	if err != nil {
		t.Fatal(err)
	}
	if tags.Options[1].Value != "long_term" || tags.Options[1].Color != "#123456" || tags.Options[0].Color == "" {
		t.Errorf("options = %+v", tags.Options)
	}
	if _, err := s.AddField(ctx, "projects", model.Field{Name: "owner", Type: model.TypeText}); err == nil {
		t.Error("system name accepted")
	}
	if _, err := s.AddField(ctx, "projects", model.Field{Name: "budget", Type: model.TypeText}); err == nil {
		t.Error("duplicate field accepted")
	}
	if _, err := s.AddField(ctx, "projects", model.Field{Name: "x", Type: model.TypeRelation, Target: "nothing"}); err == nil {
		t.Error("relation to a missing object accepted")
	}
	// A standard object gets a relation to the custom one.
	pf, err := s.AddField(ctx, "people", model.Field{Name: "project", Type: model.TypeRelation, Target: "projects"})
	if err != nil {
		t.Fatal(err)
	}
	if pf.InverseLabel != "People" {
		t.Errorf("inverse label = %q", pf.InverseLabel)
	}
	p := mustCreate(t, s, "projects", map[string]model.Value{"name": text("Apollo"), "budget": money(1_000_000, "EUR"), "tags": list("urgent")})
	person := mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane"), "project": ref("apollo")})
	if person.Get("project").Int != p.ID || person.Get("project").Ref != "Apollo" {
		t.Errorf("project = %+v", person.Get("project"))
	}

	// Options in use cannot be removed; reordering and adding is fine.
	err = s.SetOptions(ctx, "projects", "tags", []model.SelectOption{{Value: "long_term"}})
	if err == nil || !strings.Contains(err.Error(), "used by 1 project") {
		t.Errorf("removing a used option = %v", err)
	}
	if err := s.SetOptions(ctx, "projects", "tags", []model.SelectOption{{Value: "long_term", Label: "Long term"}, {Value: "urgent", Label: "Urgent"}, {Label: "New"}}); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Object("projects")
	f, _ := o.Field("tags")
	var vals []string
	for _, opt := range f.Options {
		vals = append(vals, opt.Value)
	}
	if strings.Join(vals, ",") != "long_term,urgent,new" {
		t.Errorf("options now %v", vals)
	}

	if err := s.RenameField(ctx, "projects", "budget", "Money"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFieldHidden(ctx, "projects", "budget", true); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameObject(ctx, "projects", "Initiative", ""); err != nil {
		t.Fatal(err)
	}
	o, _ = s.Object("initiative")
	f, _ = o.Field("budget")
	if o.Name != "projects" || o.Plural != "Projects" || f.Label != "Money" || !f.Hidden {
		t.Errorf("after renames: %+v %+v", o.Singular, f)
	}

	// Removing fields: custom only.
	for _, bad := range [][2]string{{"people", "city"}, {"people", "owner"}, {"projects", "name"}} {
		if err := s.RemoveField(ctx, bad[0], bad[1]); err == nil {
			t.Errorf("removing %s.%s accepted", bad[0], bad[1])
		}
	}
	if err := s.RemoveField(ctx, "projects", "budget"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "projects", p.ID)
	if err != nil || got.Label != "Apollo" {
		t.Fatalf("after removing budget: %v %+v", err, got)
	}
	if _, ok := got.Values["budget"]; ok {
		t.Error("removed field still read")
	}

	// Removing the object takes the relation fields pointing at it along.
	if err := s.RemoveObject(ctx, "people"); err == nil {
		t.Error("removing a standard object accepted")
	}
	if err := s.RemoveObject(ctx, "projects"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Object("projects"); err == nil {
		t.Error("projects still exists")
	}
	people, _ := s.Object("people")
	if _, ok := people.Field("project"); ok {
		t.Error("people.project survived")
	}
	if got, err := s.Get(ctx, "people", person.ID); err != nil || got.Label != "Jane" {
		t.Errorf("person after removal: %v", err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE '%projects%'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d schema objects of projects remain", n)
	}
	// The name is free again.
	if _, err := s.CreateObject(ctx, "projects", "Project", "Projects"); err != nil {
		t.Error(err)
	}
}

func TestUniqueFieldAddedLater(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "companies", map[string]model.Value{"name": text("A"), "address": text("same")})
	mustCreate(t, s, "companies", map[string]model.Value{"name": text("B"), "address": text("same")})
	if _, err := s.AddField(ctx, "companies", model.Field{Name: "vat", Type: model.TypeText, Unique: true}); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "companies", map[string]model.Value{"name": text("C"), "vat": text("DE123")})
	_, err := s.Create(ctx, "companies", map[string]model.Value{"name": text("D"), "vat": text("de123")})
	var ue *UniqueError
	if !errors.As(err, &ue) || ue.Field != "vat" {
		t.Errorf("err = %v", err)
	}
	if _, err := s.AddField(ctx, "companies", model.Field{Name: "flag", Type: model.TypeBoolean, Unique: true}); err == nil {
		t.Error("a unique boolean accepted")
	}
	// Upsert may now match on it.
	r, created, err := s.Upsert(ctx, "companies", "vat", map[string]model.Value{"vat": text("DE123"), "employees": num(12)})
	if err != nil || created || r.Label != "C" {
		t.Errorf("upsert by vat: %v %v %v", r.Label, created, err)
	}
}

func TestRefreshSeesOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := Open(path, Options{Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{Actor: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v := a.meta().version
	if err := a.Refresh(ctx); err != nil || a.meta().version != v {
		t.Fatalf("refresh without change: %v", err)
	}
	if _, err := b.AddField(ctx, "people", model.Field{Name: "shoe_size", Type: model.TypeNumber}); err != nil {
		t.Fatal(err)
	}
	if o, _ := a.Object("people"); slices.Contains(o.FieldNames(), "shoe_size") {
		t.Fatal("a saw the field before refreshing")
	}
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if o, _ := a.Object("people"); !slices.Contains(o.FieldNames(), "shoe_size") {
		t.Error("a did not see the new field after Refresh")
	}
	r := mustCreate(t, a, "people", map[string]model.Value{"name": text("X"), "shoe_size": num(44)})
	if got, _ := b.Get(ctx, "people", r.ID); got.Get("shoe_size").Num != 44 || got.Get("owner").Ref != "alice" {
		t.Errorf("b reads %+v", got.Values)
	}
}
