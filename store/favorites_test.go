package store

import (
	"testing"

	"rolo/model"
)

func favLabels(t *testing.T, s *Store, member int64) []string {
	t.Helper()
	favs, err := s.Favorites(ctx, member)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range favs {
		l := f.Label
		if f.Folder != "" {
			l = f.Folder + "/" + l
		}
		out = append(out, l)
	}
	return out
}

func eq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFavoritesToggleOrderFoldersAndDeletes(t *testing.T) {
	s := newTestStore(t)
	me := s.Actor().ID
	a := mustCreate(t, s, "people", map[string]model.Value{"name": text("Ann")})
	b := mustCreate(t, s, "people", map[string]model.Value{"name": text("Ben")})
	c := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Cyd Co")})
	for _, r := range []model.Record{a, b, c} {
		on, err := s.ToggleFavorite(ctx, me, r.Object, r.ID)
		if err != nil || !on {
			t.Fatalf("toggle on %v: %v %v", r.Label, on, err)
		}
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Ann", "Ben", "Cyd Co"}) {
		t.Fatalf("order %v", got)
	}
	// Another member sees none of them.
	if got := favLabels(t, s, me+100); len(got) != 0 {
		t.Fatalf("other member sees %v", got)
	}
	favs, _ := s.Favorites(ctx, me)
	if err := s.MoveFavorite(ctx, me, favs[2].ID, -1); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Ann", "Cyd Co", "Ben"}) {
		t.Fatalf("after move up %v", got)
	}
	if err := s.MoveFavorite(ctx, me, favs[0].ID, -1); err != nil { // already first
		t.Fatal(err)
	}
	if err := s.SetFavoriteFolder(ctx, me, favs[0].ID, "Hot"); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Cyd Co", "Ben", "Hot/Ann"}) {
		t.Fatalf("after folder %v", got)
	}
	// A deleted record's favorite disappears and comes back on restore.
	if _, err := s.Delete(ctx, "people", b.ID); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Cyd Co", "Hot/Ann"}) {
		t.Fatalf("after delete %v", got)
	}
	if _, err := s.ToggleFavorite(ctx, me, "people", b.ID); err == nil {
		// The favorite row still exists, so toggling removes it: that is
		// fine, but then it must not come back on restore.
		if _, err := s.Restore(ctx, "people", b.ID); err != nil {
			t.Fatal(err)
		}
		if got := favLabels(t, s, me); !eq(got, []string{"Cyd Co", "Hot/Ann"}) {
			t.Fatalf("toggled off while deleted, then restored: %v", got)
		}
	} else {
		t.Fatal(err)
	}
	if _, err := s.ToggleFavorite(ctx, me, "people", b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, "people", b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(ctx, "people", b.ID); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Cyd Co", "Ben", "Hot/Ann"}) {
		t.Fatalf("after restore %v", got)
	}
	// Toggling off and removing by id.
	if on, err := s.ToggleFavorite(ctx, me, "companies", c.ID); err != nil || on {
		t.Fatalf("toggle off: %v %v", on, err)
	}
	favs, _ = s.Favorites(ctx, me)
	if err := s.RemoveFavorite(ctx, me, favs[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); !eq(got, []string{"Hot/Ann"}) {
		t.Fatalf("after removals %v", got)
	}
	if ok, _ := s.IsFavorite(ctx, me, "people", a.ID); !ok {
		t.Error("Ann should be a favorite")
	}
	// A deleted record cannot become a new favorite.
	if _, err := s.Delete(ctx, "people", b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ToggleFavorite(ctx, me, "people", b.ID); err == nil {
		t.Error("favoriting a deleted record should fail")
	}
}

func TestViewFavoritesAndRecents(t *testing.T) {
	s := newTestStore(t)
	me := s.Actor().ID
	if _, err := s.SavedViews(ctx, "people"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, "people", model.SavedView{Name: "Mine", Filter: "owner:@me"}); err != nil {
		t.Fatal(err)
	}
	if on, err := s.ToggleViewFavorite(ctx, me, "people", "Mine"); err != nil || !on {
		t.Fatalf("view favorite %v %v", on, err)
	}
	favs, _ := s.Favorites(ctx, me)
	if len(favs) != 1 || !favs[0].IsView() || favs[0].Label != "Mine" || favs[0].Object != "people" {
		t.Fatalf("view favorites %+v", favs)
	}
	if err := s.DeleteView(ctx, "people", "Mine"); err != nil {
		t.Fatal(err)
	}
	if got := favLabels(t, s, me); len(got) != 0 {
		t.Fatalf("favorite outlived its view: %v", got)
	}

	var people []model.Record
	for _, n := range []string{"Ann", "Ben", "Cat"} {
		people = append(people, mustCreate(t, s, "people", map[string]model.Value{"name": text(n)}))
	}
	for _, p := range people {
		if err := s.TouchRecent(ctx, me, "people", p.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.TouchRecent(ctx, me, "people", people[0].ID); err != nil { // Ann again: newest
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, "people", people[1].ID); err != nil {
		t.Fatal(err)
	}
	rec, err := s.Recents(ctx, me, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rec {
		got = append(got, r.Label)
	}
	if !eq(got, []string{"Ann", "Cat"}) {
		t.Fatalf("recents %v", got)
	}
	if rec, _ := s.Recents(ctx, me+1, 10); len(rec) != 0 {
		t.Fatalf("another member's recents %v", rec)
	}
	for i := range maxRecents + 5 {
		r := mustCreate(t, s, "companies", map[string]model.Value{"name": text("Co " + string(rune('A'+i%26)) + string(rune('a'+i/26)))})
		if err := s.TouchRecent(ctx, me, "companies", r.ID); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM recents WHERE member_id = ?`, me).Scan(&n)
	if n != maxRecents {
		t.Errorf("recents kept %d rows, want %d", n, maxRecents)
	}
}
