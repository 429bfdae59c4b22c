package store

import (
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"rolo/model"
)

func TestSavedViewsCreatesDefaultOnce(t *testing.T) {
	s := newTestStore(t)
	if has, err := s.HasSavedViews(ctx); err != nil || has {
		t.Fatalf("fresh workspace HasSavedViews = %v, %v; want false", has, err)
	}
	vs, err := s.SavedViews(ctx, "opportunities")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || !vs[0].Default || vs[0].Name != "All opportunities" {
		t.Fatalf("views = %+v, want one default view named All opportunities", vs)
	}
	d := vs[0]
	if d.Columns[0].Field != "name" || d.Columns[1].Field != "stage" {
		t.Errorf("default columns = %v, want name first, then the stage", d.Columns)
	}
	if last := d.Columns[len(d.Columns)-1].Field; last != model.FieldOwner {
		t.Errorf("default columns end with %q, want owner", last)
	}
	if len(d.Sorts) != 1 || d.Sorts[0] != (model.Sort{Field: "name"}) {
		t.Errorf("default sorts = %v, want name ascending", d.Sorts)
	}
	// Asking again must not add a second default.
	again, err := s.SavedViews(ctx, "opportunities")
	if err != nil || len(again) != 1 || again[0].ID != d.ID {
		t.Fatalf("second SavedViews = %+v, %v; want the same single view", again, err)
	}
	if has, _ := s.HasSavedViews(ctx); !has {
		t.Error("HasSavedViews = false after the default view was created")
	}
	// The default sort and columns must be usable as a query.
	if _, err := s.Query(ctx, "opportunities", model.Query{Sorts: d.Sorts, Limit: 1}); err != nil {
		t.Errorf("querying with the default view's sort: %v", err)
	}
}

func TestSavedViewsUnknownObject(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.SavedViews(ctx, "nope"); err == nil {
		t.Fatal("SavedViews of an unknown object succeeded")
	}
	if err := s.SaveView(ctx, "nope", model.SavedView{Name: "x"}); err == nil {
		t.Fatal("SaveView on an unknown object succeeded")
	}
}

func TestSaveViewUpsertsByName(t *testing.T) {
	s := newTestStore(t)
	v := model.SavedView{Name: "  Won deals ", Filter: "stage:won", Sorts: []model.Sort{{Field: "amount", Desc: true}},
		Columns: []model.ViewColumn{{Field: "name", Width: 30}, {Field: "amount"}}}
	if err := s.SaveView(ctx, "opportunities", v); err != nil {
		t.Fatal(err)
	}
	vs, err := s.SavedViews(ctx, "opportunities")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !vs[0].Default || vs[1].Name != "Won deals" {
		t.Fatalf("views = %+v, want the default then Won deals", vs)
	}
	got := vs[1]
	if got.Filter != "stage:won" || !slices.Equal(got.Sorts, v.Sorts) || !slices.Equal(got.Columns, v.Columns) || got.Default {
		t.Fatalf("saved view read back as %+v, want %+v", got, v)
	}

	v.Name, v.Filter = "Won deals", "stage:won amount>1000"
	if err := s.SaveView(ctx, "opportunities", v); err != nil {
		t.Fatal(err)
	}
	vs, _ = s.SavedViews(ctx, "opportunities")
	if len(vs) != 2 || vs[1].Filter != "stage:won amount>1000" || vs[1].ID != got.ID {
		t.Fatalf("after saving again under the same name: %+v", vs)
	}

	if err := s.SaveView(ctx, "opportunities", model.SavedView{Name: "Lost", Filter: "stage:lost"}); err != nil {
		t.Fatal(err)
	}
	vs, _ = s.SavedViews(ctx, "opportunities")
	var names []string
	for _, v := range vs {
		names = append(names, v.Name)
	}
	if !slices.Equal(names, []string{"All opportunities", "Won deals", "Lost"}) {
		t.Fatalf("order = %v, want default first, then in the order saved", names)
	}
}

func TestSaveViewRefusesBrokenViews(t *testing.T) {
	s := newTestStore(t)
	for name, v := range map[string]model.SavedView{
		"empty name":     {Name: "  "},
		"control chars":  {Name: "a\x1b[31mb"},
		"too long":       {Name: strings.Repeat("x", maxViewName+1)},
		"unknown sort":   {Name: "x", Sorts: []model.Sort{{Field: "nope"}}},
		"unknown column": {Name: "x", Columns: []model.ViewColumn{{Field: "nope"}}},
		"bad filter":     {Name: "x", Filter: `name:"unclosed`},
	} {
		if err := s.SaveView(ctx, "people", v); err == nil {
			t.Errorf("%s: SaveView(%+v) succeeded", name, v)
		}
	}
	if vs, _ := s.SavedViews(ctx, "people"); len(vs) != 1 {
		t.Fatalf("views after refused saves = %+v, want only the default", vs)
	}
}

func TestRenameAndDeleteView(t *testing.T) {
	s := newTestStore(t)
	vs, _ := s.SavedViews(ctx, "people")
	def := vs[0].Name
	for _, n := range []string{"Paris", "Berlin"} {
		if err := s.SaveView(ctx, "people", model.SavedView{Name: n, Filter: "city:" + n}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RenameView(ctx, "people", "Paris", "Berlin"); err == nil {
		t.Error("renaming onto an existing name succeeded")
	}
	if err := s.RenameView(ctx, "people", def, "Everyone"); err == nil {
		t.Error("renaming the default view succeeded")
	}
	if err := s.RenameView(ctx, "people", "Nope", "X"); !errors.Is(err, ErrNotFound) {
		t.Errorf("renaming a missing view: %v, want ErrNotFound", err)
	}
	if err := s.RenameView(ctx, "people", "Paris", "Paris, France"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteView(ctx, "people", def); err == nil {
		t.Error("deleting the default view succeeded")
	}
	if err := s.DeleteView(ctx, "people", "Berlin"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteView(ctx, "people", "Berlin"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	vs, _ = s.SavedViews(ctx, "people")
	if len(vs) != 2 || vs[0].Name != def || vs[1].Name != "Paris, France" || vs[1].Filter != "city:Paris" {
		t.Fatalf("views = %+v", vs)
	}
	// Views are per object.
	if other, _ := s.SavedViews(ctx, "companies"); len(other) != 1 {
		t.Fatalf("companies views = %+v, want only its default", other)
	}
}

func TestDefaultViewNameTaken(t *testing.T) {
	s := newTestStore(t)
	// A user view saved before the default existed (an older rolo, or the
	// row deleted by hand) must not block the default.
	if err := s.withTx(ctx, func(tx *sql.Tx) error {
		return insertView(ctx, tx, model.SavedView{Object: "tasks", Name: "All tasks", Filter: "status:done"}, false, 1)
	}); err != nil {
		t.Fatal(err)
	}
	vs, err := s.SavedViews(ctx, "tasks")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !vs[0].Default || vs[0].Name != "All tasks (2)" || vs[1].Filter != "status:done" {
		t.Fatalf("views = %+v", vs)
	}
}
