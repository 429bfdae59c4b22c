package demo

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolo/model"
	"rolo/store"
)

func openTemp(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Actor: "alice",
		Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func BenchmarkFillPeople(b *testing.B) {
	for b.Loop() {
		st := openTemp(b)
		opt := Options{Companies: 40, People: 100_000, Seed: 1, Now: testNow}
		start := time.Now()
		if err := Fill(context.Background(), st, opt, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(opt.People)/time.Since(start).Seconds(), "rows/s")
	}
}

// TestFillSmallDemo fills the default demo and checks counts, that every
// stored email and phone passes model.Validate, and that a second fill
// with the same seed into another workspace yields the same data.
func TestFillSmallDemo(t *testing.T) {
	opt := DefaultOptions()
	opt.Now = testNow
	fill := func() *store.Store {
		st := openTemp(t)
		var last, total int
		if err := Fill(context.Background(), st, opt, func(d, n int) { last, total = d, n }); err != nil {
			t.Fatal(err)
		}
		if want := opt.Companies + opt.People + opt.Opportunities + opt.Tasks + opt.Notes; total != want || last != want {
			t.Errorf("progress ended at %d/%d, want %d/%d", last, total, want, want)
		}
		return st
	}
	a, b := fill(), fill()
	ctx := context.Background()
	for obj, want := range map[string]int{"companies": opt.Companies, "people": opt.People,
		"opportunities": opt.Opportunities, "tasks": opt.Tasks, "notes": opt.Notes} {
		n, err := a.Count(ctx, obj, model.Filter{})
		if err != nil || n != int64(want) {
			t.Errorf("%s: count %d (%v), want %d", obj, n, err, want)
		}
		if da, db := dump(t, a, obj), dump(t, b, obj); da != db {
			t.Errorf("%s differs between two fills with the same seed", obj)
		}
	}
	ms, _ := a.Members(ctx)
	if len(ms) != opt.Members { // the actor, alice, is the first demo member
		t.Errorf("members = %d, want %d", len(ms), opt.Members)
	}

	people, _ := a.Object("people")
	emails, _ := people.Field("emails")
	phones, _ := people.Field("phones")
	withPhone := 0
	for _, r := range all(t, a, "people") {
		if err := model.Validate(emails, r.Get("emails")); err != nil || !r.Get("emails").Valid {
			t.Errorf("person #%d email %v: %v", r.ID, r.Get("emails").List, err)
		}
		if v := r.Get("phones"); v.Valid {
			withPhone++
			if err := model.Validate(phones, v); err != nil {
				t.Errorf("person #%d phone %v: %v", r.ID, v.List, err)
			}
		}
		if r.Get("company").Valid && r.Get("company").Ref == "" {
			t.Errorf("person #%d points at a company that does not resolve", r.ID)
		}
	}
	if withPhone < opt.People/2 {
		t.Errorf("only %d of %d people have a phone", withPhone, opt.People)
	}

	// Deals spread over both pipelines, some won and some lost, in two currencies.
	kinds, pipes, codes := map[string]int{}, map[string]int{}, map[string]int{}
	for _, r := range all(t, a, "opportunities") {
		pipes[r.Get("pipeline").Ref]++
		kinds[r.Get("stage").Ref]++
		codes[r.Get("amount").Str]++
	}
	if pipes["Sales"] == 0 || pipes["Partnerships"] == 0 || kinds["Won"] == 0 || kinds["Lost"] == 0 {
		t.Errorf("pipelines %v, stages %v", pipes, kinds)
	}
	if codes["USD"] == 0 || codes["EUR"] == 0 {
		t.Errorf("currencies %v", codes)
	}
	overdue := 0
	for _, r := range all(t, a, "tasks") {
		if r.Get("status").Str != "done" && r.Get("due_at").Int < testNow.UnixMilli() {
			overdue++
		}
	}
	if overdue == 0 {
		t.Error("no overdue tasks")
	}
}

func all(t *testing.T, st *store.Store, object string) []model.Record {
	t.Helper()
	recs, err := newest(context.Background(), st, object, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// dump renders an object's user fields as text, for comparing workspaces.
func dump(t *testing.T, st *store.Store, object string) string {
	obj, _ := st.Object(object)
	var b strings.Builder
	for _, r := range all(t, st, object) {
		fmt.Fprintf(&b, "#%d", r.ID)
		for _, f := range obj.Fields {
			if f.System && f.Name != model.FieldOwner {
				continue
			}
			b.WriteString("|" + model.FormatText(f, r.Get(f.Name)))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
