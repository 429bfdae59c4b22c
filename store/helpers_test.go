package store

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"rolo/model"
)

// testClock is a settable clock that advances a millisecond per reading,
// so every write gets a distinct timestamp.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// newTestStore opens a fresh workspace in t.TempDir() with actor "alice"
// and a test clock. Migrating and seeding run once per test binary; each
// test gets a copy of that file (Open then has nothing to migrate).
func newTestStore(t testing.TB) *Store {
	t.Helper()
	tmpl, err := seededTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rolo.db")
	if err := os.WriteFile(path, tmpl, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := &testClock{t: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)}
	s, err := Open(path, Options{Actor: "alice", Region: "US", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var (
	templateOnce  sync.Once
	templateBytes []byte
	templateErr   error
)

// seededTemplate is the bytes of a freshly migrated workspace with no
// members, closed cleanly so everything is in the main file.
func seededTemplate() ([]byte, error) {
	templateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rolo-store-test-")
		if err != nil {
			templateErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "template.db")
		s, err := Open(path, Options{})
		if err != nil {
			templateErr = err
			return
		}
		if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			templateErr = err
		}
		s.Close()
		templateBytes, err = os.ReadFile(path)
		if templateErr == nil {
			templateErr = err
		}
	})
	return templateBytes, templateErr
}

var ctx = context.Background()

func text(s string) model.Value { return model.Value{Valid: true, Str: s} }
func num(f float64) model.Value { return model.Value{Valid: true, Num: f} }
func ref(s string) model.Value  { return model.Value{Valid: true, Ref: s} }
func id(n int64) model.Value    { return model.Value{Valid: true, Int: n} }
func list(s ...string) model.Value {
	return model.Value{Valid: true, List: s}
}
func money(micros int64, code string) model.Value {
	return model.Value{Valid: true, Int: micros, Str: code}
}

func mustCreate(t testing.TB, s *Store, object string, vals map[string]model.Value) model.Record {
	t.Helper()
	r, err := s.Create(ctx, object, vals)
	if err != nil {
		t.Fatalf("create %s %v: %v", object, vals, err)
	}
	return r
}
