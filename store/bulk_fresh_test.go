package store

import (
	"fmt"
	"strings"
	"testing"

	"rolo/model"
)

func tableIndexes(t *testing.T, s *Store, table string) string {
	t.Helper()
	rows, err := s.db.Query(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var ddl string
		rows.Scan(&ddl)
		out = append(out, ddl)
	}
	return strings.Join(out, "\n")
}

// A load into an empty table builds its indexes at the end: a repeated
// unique value still fails the whole load, and the indexes are there,
// unchanged, whether it committed or not.
func TestBulkIntoEmptyTableDefersIndexes(t *testing.T) {
	s := newTestStore(t)
	before := tableIndexes(t, s, "obj_people")
	load := func(dupAt int) error {
		w, err := s.NewBulkWriter(ctx, "people", []string{"name", "emails", "company"}, BulkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 1500 {
			e := fmt.Sprintf("p%d@x.com", i)
			if i == dupAt {
				e = "P3@x.com" // emails compare without case
			}
			if err := w.Add(text(fmt.Sprint("P", i)), list(e), model.Value{}); err != nil {
				return err
			}
		}
		_, err = w.Commit()
		return err
	}
	err := load(1200)
	if err == nil || !strings.Contains(err.Error(), "unique value is repeated") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("duplicate in a fresh load: %v", err)
	}
	if n, _ := s.Count(ctx, "people", model.Filter{}); n != 0 {
		t.Fatalf("%d people after a failed load", n)
	}
	if after := tableIndexes(t, s, "obj_people"); after != before {
		t.Fatalf("indexes after a failed load:\n%s\nwant\n%s", after, before)
	}
	if err := load(-1); err != nil {
		t.Fatal(err)
	}
	if after := tableIndexes(t, s, "obj_people"); after != before {
		t.Fatalf("indexes after a load:\n%s\nwant\n%s", after, before)
	}
	if n, _ := s.Count(ctx, "people", mustFilter(t, "name:P14")); n != 111 {
		t.Errorf("name:P14 matches %d, want 111", n)
	}
	// The next load appends to a table with rows: indexes stay in place
	// and still refuse a repeated value.
	if err := load(5); err == nil {
		t.Fatal("a duplicate of an existing email was accepted")
	}
	if n, _ := s.Count(ctx, "people", model.Filter{}); n != 1500 {
		t.Errorf("%d people, want 1500", n)
	}
}
