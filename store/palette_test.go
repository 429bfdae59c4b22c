package store

import (
	"testing"

	"rolo/model"
)

func TestPaletteItemsPagesAndSecondary(t *testing.T) {
	s := newTestStore(t)
	acme := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Acme"), "domain": list("https://acme.com")})
	jane := mustCreate(t, s, "people", map[string]model.Value{"name": text("Jane Doe"),
		"emails": list("jane@acme.com", "jd@home.org"), "phones": list("+14155550123"), "company": ref("Acme")})
	bob := mustCreate(t, s, "people", map[string]model.Value{"name": text("Bob Roe")})
	gone := mustCreate(t, s, "people", map[string]model.Value{"name": text("Gone Person")})
	mustCreate(t, s, "opportunities", map[string]model.Value{"name": text("Big deal"), "company": ref("Acme"), "amount": money(12_000_000_000, "USD")})
	if _, err := s.Delete(ctx, "people", gone.ID); err != nil {
		t.Fatal(err)
	}

	page, err := s.PaletteItems(ctx, "people", 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].ID != jane.ID || page[0].Label != "Jane Doe" {
		t.Fatalf("first page %+v", page)
	}
	if want := "jane@acme.com · jd@home.org · +14155550123"; page[0].Secondary != want {
		t.Errorf("person secondary %q, want %q", page[0].Secondary, want)
	}
	page, err = s.PaletteItems(ctx, "people", jane.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].ID != bob.ID || page[0].Secondary != "" {
		t.Fatalf("second page (deleted left out) %+v", page)
	}
	co, _ := s.PaletteItems(ctx, "companies", 0, 10)
	if len(co) != 1 || co[0].ID != acme.ID || co[0].Secondary != "acme.com" {
		t.Errorf("companies %+v", co)
	}
	opp, _ := s.PaletteItems(ctx, "opportunities", 0, 10)
	if len(opp) != 1 || opp[0].Secondary != "Acme · $12,000.00" {
		t.Errorf("opportunities %+v", opp)
	}

	rows, err := s.PaletteRowsByID(ctx, "people", []int64{gone.ID, bob.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("by id %+v", rows)
	}
	for _, r := range rows {
		if r.Deleted != (r.ID == gone.ID) {
			t.Errorf("row %d deleted=%v", r.ID, r.Deleted)
		}
	}
}

func TestPaletteCustomObjectAndChanges(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.CreateObject(ctx, "projects", "Project", "Projects"); err != nil {
		t.Fatal(err)
	}
	before, err := s.LastEventID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, s, "projects", map[string]model.Value{"name": text("Apollo")})
	rows, err := s.PaletteItems(ctx, "projects", 0, 10)
	if err != nil || len(rows) != 1 || rows[0].Label != "Apollo" || rows[0].Secondary != "" {
		t.Fatalf("custom object rows %+v %v", rows, err)
	}
	if _, err := s.Update(ctx, "projects", p.ID, map[string]model.Value{"name": text("Artemis")}, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	ch, err := s.ChangesSince(ctx, before, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch) < 2 {
		t.Fatalf("changes %+v", ch)
	}
	for _, c := range ch {
		if c.Object != "projects" || c.RecordID != p.ID || c.Event <= before {
			t.Errorf("change %+v", c)
		}
	}
	last, _ := s.LastEventID(ctx)
	if last != ch[len(ch)-1].Event {
		t.Errorf("last event %d, changes end at %d", last, ch[len(ch)-1].Event)
	}
	if n, _ := s.MaxRecordID(ctx, "projects"); n != p.ID {
		t.Errorf("max id %d, want %d", n, p.ID)
	}
}
