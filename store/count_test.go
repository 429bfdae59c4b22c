package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rolo/model"
)

func mustFilter(t testing.TB, src string) model.Filter {
	t.Helper()
	f, err := model.ParseFilter(src)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCountUpTo(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 60)
	for _, src := range []string{"", "city:paris", "name:ann", "-city:paris", "active:false"} {
		f := mustFilter(t, src)
		want, err := s.Count(ctx, "people", f)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{0, 1, want - 1, want, want + 1, 1000} {
			n, exact, err := s.CountUpTo(ctx, "people", f, limit)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case limit <= 0 || want <= limit || f.Empty():
				if n != want || !exact {
					t.Errorf("%q up to %d = %d, %v; want %d, exact", src, limit, n, exact, want)
				}
			default:
				if n != limit || exact {
					t.Errorf("%q up to %d = %d, %v; want %d, not exact", src, limit, n, exact, limit)
				}
			}
		}
	}
	// Inactive and deleted records are not counted by default.
	recs := allPeople(t, s)
	if _, err := s.Update(ctx, "people", recs[0].ID, map[string]model.Value{"active": {Valid: true, Int: 0}}, UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, "people", recs[1].ID); err != nil {
		t.Fatal(err)
	}
	n, exact, err := s.CountUpTo(ctx, "people", model.Filter{}, 10)
	if err != nil || !exact || n != int64(len(recs)-2) {
		t.Errorf("live count = %d, %v, %v; want %d", n, exact, err, len(recs)-2)
	}
	if n, err := s.Count(ctx, "people", mustFilter(t, "active:false")); err != nil || n != 1 {
		t.Errorf("inactive count = %d, %v", n, err)
	}
	if _, _, err := s.CountUpTo(ctx, "people", mustFilter(t, "nosuch:x"), 10); err == nil {
		t.Error("bad filter accepted")
	}
}

// A cancelled count stops: the scan is interrupted, not finished.
func TestCountCancelled(t *testing.T) {
	s := newTestStore(t)
	// Enough rows that a filter no index helps takes a while to count, so
	// a cancel at a twentieth of that time lands mid-scan: a count that ran
	// to the end would return nil, not context.Canceled.
	if _, err := s.db.Exec(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
		INSERT INTO obj_people (created_at, updated_at, name, city, emails__more) SELECT 0, 0, 'p' || x, 'c' || (x % 7), '["a@b.c","d@e.f"]' FROM c`); err != nil {
		t.Fatal(err)
	}
	f := mustFilter(t, "emails:nobody@nowhere.example")
	start := time.Now()
	if _, err := s.Count(ctx, "people", f); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)

	c, cancel := context.WithCancel(ctx)
	time.AfterFunc(full/20, cancel)
	start = time.Now()
	_, err := s.Count(c, "people", f)
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled count returned %v after %v (full count %v)", err, took, full)
	}
	// An already cancelled context never starts.
	if _, _, err := s.CountUpTo(c, "people", f, 1000); !errors.Is(err, context.Canceled) {
		t.Errorf("CountUpTo with a cancelled context: %v", err)
	}
}

// Counts of live records read one covering index, never the table, for
// no filter and for equality on owner, a relation, a stage and a select.
func TestCountPlans(t *testing.T) {
	s := newTestStore(t)
	plan := func(object, src string) string {
		t.Helper()
		from, args, err := s.countFrom(object, mustFilter(t, src))
		if err != nil {
			t.Fatal(err)
		}
		return queryPlan(t, s, "SELECT count(*) FROM (SELECT 1 FROM "+from+" LIMIT ?)", append(args, 1001)...)
	}
	for _, tc := range []struct{ object, filter, index string }{
		{"people", "", "ix__people__owner"},
		{"people", "owner:@me", "ix__people__owner (owner=? AND deleted_at=? AND active=?)"},
		{"people", "company:#3", "ix__people__company (company=? AND deleted_at=? AND active=?)"},
		{"opportunities", "stage:#2", "ix__opportunities__stage (stage=? AND deleted_at=? AND active=?)"},
		{"companies", "industry:software", "ix__companies__industry (industry=? AND deleted_at=? AND active=?)"},
	} {
		p := plan(tc.object, tc.filter)
		if !strings.Contains(p, "COVERING INDEX "+tc.index) {
			t.Errorf("count of %s %q:\n%s\nwant COVERING INDEX %s", tc.object, tc.filter, p, tc.index)
		}
	}
	// The exact count of every live record: the row count and the small
	// index of records that are not live.
	p := queryPlan(t, s, countLiveSQL(s.meta().byName["people"].obj))
	if !strings.Contains(p, "COVERING INDEX ix__people___gone") || strings.Contains(p, "SCAN obj_people\n") || strings.HasSuffix(p, "SCAN obj_people") {
		t.Errorf("live count plan:\n%s", p)
	}
}

// The bounded walk of a filtered page: forced onto the sort index up to
// the window's bound, then a plan that cannot use it (the scan, or the
// filter's own index).
func TestFilteredPagePlans(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 30)
	st := s.meta().byName["people"]
	plan, err := buildSortPlan(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	var pq *pageQuery
	for _, src := range []string{"owner:@me", "city:oslo -name:ann"} {
		fw, fargs, err := s.filterSQL(s.meta(), st, mustFilter(t, src))
		if err != nil {
			t.Fatal(err)
		}
		live := deletedCond(false) + ` AND "active" = 1`
		pq = &pageQuery{st: st, plan: plan, where: live + " AND (" + fw + ")", whereArgs: fargs, liveWhere: live, filterWhere: fw}
		pq.boundSeek(mustFilter(t, src))
		if pq.scan == nil {
			t.Fatal("no bounded walk for a filtered page in label order")
		}
		sg := plan.segments(nil, false)[0]
		if !sg.seek {
			t.Fatal("the first segment does not walk the index")
		}
		near := sg
		near.where += " AND " + plan.upTo(sg.desc)
		near.args = append(append([]any{}, sg.args...), "m", int64(10))
		seek := *pq
		seek.where = pq.seekWhere
		query, args := seek.sql(pq.seekFrom, near, 51)
		// The walk is a range of the sort index, in its order.
		if p := queryPlan(t, s, query, args...); !strings.Contains(p, "ix__people__sort (name>? AND name<?)") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%s: bounded walk plan:\n%s", src, p)
		}
	}
	rest := pq.scan.segments([]any{"m", int64(10)}, false)[0]
	query, args := pq.sql(st.sel.from(st.obj), rest, 51)
	if p := queryPlan(t, s, query, args...); strings.Contains(p, "ix__people__sort") {
		t.Errorf("fallback plan still walks the sort index:\n%s", p)
	}
	// Unfiltered lists and filters on the label walk the whole index.
	for _, src := range []string{"", "ann", "name:ann city:oslo"} {
		pq.scan = nil
		pq.boundSeek(mustFilter(t, src))
		if pq.scan != nil {
			t.Errorf("bounded walk for %q", src)
		}
	}
}

// Paging a filtered result in every direction gives the same records in
// the same order whether the window is larger than the table or so small
// that every page falls back to the scan.
func TestFilteredPagingBounded(t *testing.T) {
	s := newTestStore(t)
	seedPeople(t, s, 150)
	all := allPeople(t, s)
	defer func(w int) { seekWindow = w }(seekWindow)
	for _, src := range []string{"city:paris", "name:ann", "city:oslo name:gus", "city:atlantis", "-city:paris"} {
		f := mustFilter(t, src)
		var want []int64
		for _, r := range all {
			if n, err := s.Count(ctx, "people", mustFilter(t, fmt.Sprintf("%s id:%d", src, r.ID))); err != nil {
				t.Fatal(err)
			} else if n == 1 {
				want = append(want, r.ID)
			}
		}
		for _, w := range []int{10_000, 12, 3, 0} {
			seekWindow = w
			var fwd []int64
			pg, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 7})
			for ; err == nil; pg, err = s.Query(ctx, "people", model.Query{Filter: f, Limit: 7, After: pg.Next}) {
				fwd = append(fwd, ids(pg.Records)...)
				if pg.Next == "" {
					break
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fwd, want) {
				t.Errorf("%q window %d forward:\n got %v\nwant %v", src, w, fwd, want)
			}
			var back []int64
			pg, err = s.Query(ctx, "people", model.Query{Filter: f, Limit: 7, Last: true})
			for ; err == nil; pg, err = s.Query(ctx, "people", model.Query{Filter: f, Limit: 7, Before: pg.Prev}) {
				back = append(slices.Clone(ids(pg.Records)), back...)
				if pg.Prev == "" {
					break
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(back, want) {
				t.Errorf("%q window %d backward:\n got %v\nwant %v", src, w, back, want)
			}
		}
	}
}

// A workspace from before the live indexes (schema 2: owner and reference
// indexes without deleted_at and active, no select or "not live" index)
// is brought to the current shape on open.
func TestLiveIndexMigration(t *testing.T) {
	for _, from := range []int{2} {
		s := newTestStore(t)
		want := tableIndexes(t, s, "obj_people") + tableIndexes(t, s, "obj_companies")
		old := []string{
			`DROP INDEX "ix__people__owner"`, `CREATE INDEX "ix__people__owner" ON "obj_people" ("owner", "deleted_at")`,
			`DROP INDEX "ix__people__company"`, `CREATE INDEX "ix__people__company" ON "obj_people" ("company")`,
			`DROP INDEX "ix__people___gone"`, `DROP INDEX "ix__companies___gone"`,
		}
		old = append(old, `DROP INDEX "ix__companies__industry"`)
		for _, stmt := range append(old, fmt.Sprintf("PRAGMA user_version = %d", from)) {
			if _, err := s.db.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
		path := s.Path()
		s.Close()
		s, err := Open(path, Options{Actor: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if got := tableIndexes(t, s, "obj_people") + tableIndexes(t, s, "obj_companies"); got != want {
			t.Errorf("from schema %d:\n%s\nwant\n%s", from, got, want)
		}
		s.Close()
	}
}
