package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rolo/model"
	"rolo/store"
)

var ctx = context.Background()

// clock advances a millisecond per reading so every write is distinct.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func newStore(t testing.TB) *store.Store {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "rolo.db"), store.Options{Actor: "alice", Region: "US", Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// writeFile writes a test file and returns its path.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fixture(name string) string { return filepath.Join("..", "transfer", "testdata", name) }

// snapshot is what must not change when an import writes nothing.
type snapshot struct {
	counts map[string]int64
	events int
	opts   int
	mems   int
	stages int
}

func snap(t testing.TB, st *store.Store) snapshot {
	t.Helper()
	s := snapshot{counts: map[string]int64{}}
	for _, o := range st.Objects() {
		var n int64
		if err := st.DB().QueryRow(`SELECT count(*) FROM "` + o.Table() + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		s.counts[o.Name] = n
	}
	for q, dst := range map[string]*int{`SELECT count(*) FROM events`: &s.events, `SELECT count(*) FROM select_options`: &s.opts,
		`SELECT count(*) FROM members`: &s.mems, `SELECT count(*) FROM stages`: &s.stages} {
		if err := st.DB().QueryRow(q).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func sameSnap(t testing.TB, what string, a, b snapshot) {
	t.Helper()
	if a.events != b.events || a.opts != b.opts || a.mems != b.mems || a.stages != b.stages {
		t.Errorf("%s: events/options/members/stages changed: %+v → %+v", what, a, b)
	}
	for k, v := range a.counts {
		if b.counts[k] != v {
			t.Errorf("%s: %s count %d → %d", what, k, v, b.counts[k])
		}
	}
}

func mustRun(t testing.TB, st *store.Store, opt Options) Report {
	t.Helper()
	rep, err := Run(ctx, st, opt, nil)
	if err != nil {
		t.Fatalf("import %s: %v\nproblems: %v", opt.Path, err, rep.Problems)
	}
	return rep
}

func counts(r Report) [4]int64 { return [4]int64{r.Created, r.Updated, r.Unchanged, r.Errors} }

func get(t testing.TB, st *store.Store, object string, id int64) model.Record {
	t.Helper()
	r, err := st.Get(ctx, object, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func hasProblem(rep Report, row int, sub string) bool {
	for _, p := range rep.Problems {
		if p.Row == row && strings.Contains(p.String(), sub) {
			return true
		}
	}
	return false
}
