package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"rolo/model"
)

// seedPeople creates n people with repeating names (mixed case), cities
// with gaps and companies with gaps, and blanks two names directly in SQL
// (a label can be empty in data imported before it was required).
func seedPeople(t *testing.T, s *Store, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"ann", "Bob", "cid", "Dan", "eve", "Fay", "gus"}
	cities := []string{"", "Oslo", "paris", "Rome", "", "berlin"}
	var companies []model.Record
	for _, c := range []string{"Acme", "globex", "Initech"} {
		companies = append(companies, mustCreate(t, s, "companies", map[string]model.Value{"name": text(c)}))
	}
	for range n {
		vals := map[string]model.Value{"name": text(names[rng.IntN(len(names))])}
		if c := cities[rng.IntN(len(cities))]; c != "" {
			vals["city"] = text(c)
		}
		if k := rng.IntN(4); k < 3 {
			vals["company"] = id(companies[k].ID)
		}
		mustCreate(t, s, "people", vals)
	}
	if _, err := s.db.Exec(`UPDATE obj_people SET name = NULL WHERE id IN (3, 11)`); err != nil {
		t.Fatal(err)
	}
}

// sortValue is what SQLite compares for a sort field: NOCASE text folds
// ASCII case; references compare by the referenced name.
func sortValue(r model.Record, field string) any {
	v := r.Get(field)
	if !v.Valid {
		return nil
	}
	switch field {
	case "company":
		return strings.ToLower(v.Ref)
	case "created_at", "updated_at":
		return v.Int
	}
	return strings.ToLower(v.Str)
}

func cmpAny(a, b any) int {
	switch x := a.(type) {
	case int64:
		y := b.(int64)
		return map[bool]int{true: -1, false: 1}[x < y] * boolToInt(x != y)
	case string:
		return strings.Compare(x, b.(string))
	}
	return 0
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// expectedOrder sorts like the store promises: empties last in either
// direction, id (in the last key's direction) breaking ties.
func expectedOrder(recs []model.Record, sorts []model.Sort) []int64 {
	recs = slices.Clone(recs)
	slices.SortFunc(recs, func(a, b model.Record) int {
		for _, s := range sorts {
			va, vb := sortValue(a, s.Field), sortValue(b, s.Field)
			switch {
			case va == nil && vb == nil:
				continue
			case va == nil:
				return 1
			case vb == nil:
				return -1
			}
			c := cmpAny(va, vb)
			if s.Desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		c := int(a.ID - b.ID)
		if sorts[len(sorts)-1].Desc {
			c = -c
		}
		return c
	})
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	return ids
}

func allPeople(t *testing.T, s *Store) []model.Record {
	t.Helper()
	pg, err := s.Query(ctx, "people", model.Query{Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return pg.Records
}

func ids(recs []model.Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

func TestKeysetPagingAllSorts(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 61)
	all := allPeople(t, s)
	if len(all) != 61 {
		t.Fatalf("people = %d", len(all))
	}
	sortsList := [][]model.Sort{
		{{Field: "name"}},
		{{Field: "name", Desc: true}},
		{{Field: "city"}},
		{{Field: "city", Desc: true}},
		{{Field: "city"}, {Field: "name", Desc: true}},
		{{Field: "name"}, {Field: "city"}},
		{{Field: "company"}, {Field: "city"}},
		{{Field: "company", Desc: true}},
		{{Field: "created_at", Desc: true}},
		{{Field: "id", Desc: true}, {Field: "name"}},
	}
	for _, sorts := range sortsList {
		name := fmt.Sprint(sorts)
		want := expectedOrder(all, sorts)
		if sorts[0].Field == "id" {
			want = expectedOrder(all, sorts[:1])
		}
		t.Run(name, func(t *testing.T) {
			// Forward from the first page.
			var fwd []int64
			var pages []model.Page
			pg, err := s.Query(ctx, "people", model.Query{Sorts: sorts, Limit: 7})
			if err != nil {
				t.Fatal(err)
			}
			if pg.Prev != "" {
				t.Error("first page has Prev")
			}
			for {
				pages = append(pages, pg)
				fwd = append(fwd, ids(pg.Records)...)
				if pg.Next == "" {
					break
				}
				if pg, err = s.Query(ctx, "people", model.Query{Sorts: sorts, Limit: 7, After: pg.Next}); err != nil {
					t.Fatal(err)
				}
				if pg.Prev == "" {
					t.Error("a later page has no Prev")
				}
			}
			if !slices.Equal(fwd, want) {
				t.Fatalf("forward order\n got %v\nwant %v", fwd, want)
			}
			// Backward from the last page.
			var back [][]int64
			pg, err = s.Query(ctx, "people", model.Query{Sorts: sorts, Limit: 7, Last: true})
			if err != nil {
				t.Fatal(err)
			}
			if pg.Next != "" {
				t.Error("last page has Next")
			}
			for {
				back = append([][]int64{ids(pg.Records)}, back...)
				if pg.Prev == "" {
					break
				}
				if pg, err = s.Query(ctx, "people", model.Query{Sorts: sorts, Limit: 7, Before: pg.Prev}); err != nil {
					t.Fatal(err)
				}
				if pg.Next == "" {
					t.Error("an earlier page has no Next")
				}
			}
			if got := slices.Concat(back...); !slices.Equal(got, want) {
				t.Fatalf("backward order\n got %v\nwant %v", got, want)
			}
			// Prev of a middle page is exactly the page before it.
			mid := pages[3]
			prev, err := s.Query(ctx, "people", model.Query{Sorts: sorts, Limit: 7, Before: mid.Prev})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(prev.Records), ids(pages[2].Records)) {
				t.Errorf("Prev of page 4 = %v, want %v", ids(prev.Records), ids(pages[2].Records))
			}
		})
	}
}

func TestQueryCursorErrorsAndLimits(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 12)
	pg, err := s.Query(ctx, "people", model.Query{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Query(ctx, "people", model.Query{After: pg.Next, Sorts: []model.Sort{{Field: "city"}}}); err == nil {
		t.Error("a cursor of another sort was accepted")
	}
	if _, err := s.Query(ctx, "people", model.Query{After: "garbage!"}); err == nil {
		t.Error("a garbage cursor was accepted")
	}
	if _, err := s.Query(ctx, "people", model.Query{Sorts: []model.Sort{{Field: "shoe_size"}}}); err == nil || !strings.Contains(err.Error(), "job_title") {
		t.Errorf("unknown sort field = %v", err)
	}
	full, _ := s.Query(ctx, "people", model.Query{})
	if len(full.Records) != 12 || full.Next != "" {
		t.Errorf("default limit page = %d records, next %q", len(full.Records), full.Next)
	}
}

func TestQueryFiltersAndCount(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 40)
	f, err := model.ParseFilter("city:paris")
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx, "people", f)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range allPeople(t, s) {
		if strings.EqualFold(r.Get("city").Str, "paris") {
			want++
		}
	}
	if n != int64(want) || want == 0 {
		t.Errorf("count city:paris = %d, want %d", n, want)
	}
	pg, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := len(pg.Records)
	for pg.Next != "" {
		if pg, err = s.Query(ctx, "people", model.Query{Filter: f, Limit: 3, After: pg.Next}); err != nil {
			t.Fatal(err)
		}
		got += len(pg.Records)
	}
	if got != want {
		t.Errorf("paged filtered = %d, want %d", got, want)
	}
}

// The default page query must walk the (label, id) index: no full scan
// and no sort in a temporary B-tree, on the first page and after a cursor.
func TestDefaultSortUsesIndex(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 20)
	c := s.meta()
	st := c.byName["people"]
	plan, err := buildSortPlan(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	pq := &pageQuery{st: st, plan: plan, where: deletedCond(false) + " AND (1)"}
	first := allPeople(t, s)[0]
	boundary := []any{strings.ToLower(first.Label), first.ID}
	for _, tc := range []struct {
		name     string
		boundary []any
		backward bool
	}{{"first page", nil, false}, {"after", boundary, false}, {"before", boundary, true}, {"last page", nil, true}} {
		sg := plan.segments(tc.boundary, tc.backward)[0]
		query, args := pq.sql(st.sel.from(st.obj), sg, 51)
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plans []string
		for rows.Next() {
			var a, b, c int
			var d string
			rows.Scan(&a, &b, &c, &d)
			plans = append(plans, d)
		}
		rows.Close()
		joined := strings.Join(plans, "\n")
		t.Logf("%s:\n%s", tc.name, joined)
		if strings.Contains(joined, "TEMP B-TREE") || !strings.Contains(joined, "ix__people__sort") ||
			strings.Contains(joined, "SCAN obj_people\n") || strings.HasSuffix(joined, "SCAN obj_people") {
			t.Errorf("%s: plan does not walk the sort index:\n%s", tc.name, joined)
		}
		if tc.boundary != nil && !strings.Contains(joined, "SEARCH obj_people USING INDEX ix__people__sort") {
			t.Errorf("%s: plan does not seek the index:\n%s", tc.name, joined)
		}
	}
}

func TestSortBySelectOrderAndStageOrder(t *testing.T) {
	s := newTestStore(t)
	for i, st := range []string{"done", "", "todo", "in_progress", "todo"} {
		vals := map[string]model.Value{"title": text(fmt.Sprint("t", i))}
		if st != "" {
			vals["status"] = text(st)
		}
		mustCreate(t, s, "tasks", vals)
	}
	pg, err := s.Query(ctx, "Task", model.Query{Sorts: []model.Sort{{Field: "status"}}, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		for _, r := range pg.Records {
			got = append(got, r.Get("status").Str)
		}
		if pg.Next == "" {
			break
		}
		if pg, err = s.Query(ctx, "tasks", model.Query{Sorts: []model.Sort{{Field: "status"}}, Limit: 2, After: pg.Next}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(got, ",") != "todo,todo,in_progress,done," {
		t.Errorf("by status (option order, empty last) = %v", got)
	}

	for _, st := range []string{"Won", "Incoming", "Proposal", "Qualified"} {
		mustCreate(t, s, "opportunities", map[string]model.Value{"name": text(st), "stage": ref(st)})
	}
	pg, err = s.Query(ctx, "opportunities", model.Query{Sorts: []model.Sort{{Field: "stage", Desc: true}}})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, r := range pg.Records {
		got = append(got, r.Get("stage").Ref)
	}
	if strings.Join(got, ",") != "Won,Proposal,Qualified,Incoming" {
		t.Errorf("by stage desc (board order) = %v", got)
	}
}

// Writers and readers from several goroutines: run under -race.
func TestConcurrentUse(t *testing.T) {
	s := newTestStore(t)
	done := make(chan error, 8)
	for g := range 4 {
		go func() {
			for i := range 15 {
				if _, err := s.Create(ctx, "people", map[string]model.Value{"name": text(fmt.Sprintf("g%d-%d", g, i))}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		go func() {
			for range 15 {
				if _, err := s.Query(ctx, "people", model.Query{Limit: 5}); err != nil {
					done <- err
					return
				}
				if err := s.Refresh(ctx); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.Count(ctx, "people", model.Filter{}); n != 60 {
		t.Errorf("count = %d", n)
	}
}

func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plans []string
	for rows.Next() {
		var a, b, c int
		var d string
		rows.Scan(&a, &b, &c, &d)
		plans = append(plans, d)
	}
	return strings.Join(plans, "\n")
}

// Counting live records scans the small owner index rather than the
// table or, worse, the sort index with a row fetch per entry; filtered
// stage totals stay within one pipeline through the board index.
func TestAggregatePlans(t *testing.T) {
	s := newTestStore(t)
	f, err := model.ParseFilter("owner:@me")
	if err != nil {
		t.Fatal(err)
	}
	query, args, _, _, err := s.groupQuery("opportunities", "stage", f, []model.Aggregate{{Func: "sum", Field: "amount"}}, `"pipeline" = ?`, []any{int64(1)})
	if err != nil {
		t.Fatal(err)
	}
	if plan := queryPlan(t, s, query, args...); strings.Contains(plan, "SCAN obj_opportunities") {
		t.Errorf("filtered stage totals plan:\n%s", plan)
	}
	if plan := queryPlan(t, s, `SELECT count(*) FROM "obj_people" WHERE "deleted_at" IS NULL AND (1)`); !strings.Contains(plan, "COVERING INDEX ix__people__owner") {
		t.Errorf("count plan:\n%s", plan)
	}
	// A pipeline holding a quarter of the table or more is read by a scan,
	// a smaller one through the board index (the plan checked above).
	query, args, _, _, err = s.groupQueryHint(scanHint(30, 100), "opportunities", "stage", f, []model.Aggregate{{Func: "sum", Field: "amount"}}, `"pipeline" = ?`, []any{int64(1)})
	if err != nil {
		t.Fatal(err)
	}
	if plan := queryPlan(t, s, query, args...); !strings.Contains(plan, "SCAN obj_opportunities") {
		t.Errorf("filtered stage totals of a large pipeline:\n%s", plan)
	}
	if scanHint(24, 100) != "" || scanHint(0, 0) != "" {
		t.Error("a small pipeline is scanned")
	}
	if plan := queryPlan(t, s, totalsSQL, int64(1)); !strings.Contains(plan, "SEARCH opportunity_totals USING PRIMARY KEY (pipeline=?)") {
		t.Errorf("totals plan:\n%s", plan)
	}
}
