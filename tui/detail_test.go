package tui

import (
	"context"
	"strings"
	"testing"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The detail page through the root: writes go through the store, a
// record changed by another process is a conflict, not an overwrite, and
// esc walks back the path of relations.

func TestDetailEditConflictAndHistory(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	f, _ := model.ParseFilter("-company:empty")
	page, err := st.Query(context.Background(), "people", model.Query{Filter: f, Limit: 1})
	if err != nil || len(page.Records) == 0 {
		t.Fatalf("no person with a company: %v", err)
	}
	r := page.Records[0]
	hs.send(views.OpenRecordMsg{Object: "people", ID: r.ID})
	hs.want(r.Label + "  · Person")

	// Edit the job title: the store has it, the page shows it.
	hs.press("j", "j", "j", "enter", "ctrl+u")
	hs.typeText("Chief Tester")
	hs.press("enter")
	hs.want("saved job title")
	got, err := st.Get(context.Background(), "people", r.ID)
	if err != nil || got.Get("job_title").Str != "Chief Tester" {
		t.Fatalf("job_title = %q, %v", got.Get("job_title").Str, err)
	}

	// Another process changes the record; saving over it is refused and
	// the page shows the value now stored.
	if _, err := st.Update(context.Background(), "people", r.ID, map[string]model.Value{"job_title": {Valid: true, Str: "Elsewhere"}}, store.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	hs.press("enter", "ctrl+u")
	hs.typeText("Mine")
	hs.press("enter")
	hs.want("changed elsewhere meanwhile: now Elsewhere")
	if got, _ := st.Get(context.Background(), "people", r.ID); got.Get("job_title").Str != "Elsewhere" {
		t.Fatalf("the conflicting save overwrote: %q", got.Get("job_title").Str)
	}

	// Follow the company and come back along the path.
	company := got.Get("company")
	hs.send(views.OpenRecordMsg{Object: "companies", ID: company.Int})
	hs.want(company.Ref + "  · Company")
	hs.want("+ new person")
	hs.press("esc")
	hs.want(r.Label + "  · Person")
	hs.press("backspace")
	if hs.a.detail != nil {
		t.Fatal("back from the first record should close the page")
	}
}

func TestNewRecordPrefillFromPalette(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "people"})
	// What the palette's "Create person" sends with the name typed.
	hs.send(views.NewRecordMsg{Object: "people", Prefill: map[string]string{"name": "Pat Palette", "company": "#1"}})
	hs.want("New person")
	hs.want("Pat Palette")
	c, _ := st.Get(context.Background(), "companies", 1)
	hs.want(c.Label)
	hs.press("ctrl+s")
	hs.want("Pat Palette  · Person")
	n := count(t, st, "people", `name="Pat Palette" company:#1`)
	if n != 1 {
		t.Fatalf("people named Pat Palette at company 1 = %d", n)
	}
	if !strings.Contains(hs.screen(), c.Label) {
		t.Fatal("the new person's page does not show the company")
	}
}
