package store

import (
	"context"
	"testing"

	"rolo/model"
)

func TestLookupLabels(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for _, n := range []string{"Acme Corp", "acme labs", "Big Acme", "Globex", "Initech"} {
		if _, err := s.Create(ctx, "companies", map[string]model.Value{"name": {Valid: true, Str: n}}); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := s.LookupLabels(ctx, "companies", "acme", 10)
	if err != nil {
		t.Fatal(err)
	}
	// Prefix matches (any case) first, in label order, then the rest.
	var got []string
	for _, h := range hits {
		got = append(got, h.Label)
	}
	if len(got) != 3 || got[0] != "Acme Corp" || got[1] != "acme labs" || got[2] != "Big Acme" {
		t.Fatalf("acme: %v", got)
	}
	if hits, _ := s.LookupLabels(ctx, "companies", "", 2); len(hits) != 2 {
		t.Fatalf("empty text, limit 2: %v", hits)
	}
	if hits, _ := s.LookupLabels(ctx, "companies", "50%_", 5); len(hits) != 0 {
		t.Fatalf("LIKE wildcards must be literal: %v", hits)
	}
}
