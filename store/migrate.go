package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one schema step: SQL from migrations/NNNN_name.sql, then an
// optional Go step (seeding needs Go: standard objects are created by the
// same code as custom ones).
type migration struct {
	version int
	name    string
	sql     string
	after   func(ctx context.Context, s *Store, tx *sql.Tx) error
}

// goSteps are the Go parts of migrations, by version.
var goSteps = map[int]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	1: seed,
	3: liveIndexes,
	4: activeTotals,
}

// migrations is the ordered list, loaded once from the embedded files.
var migrations = loadMigrations()

func loadMigrations() []migration {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, e := range entries {
		num, rest, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("store: badly named migration " + e.Name())
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(rest, ".sql"), sql: string(b), after: goSteps[v]})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("store: migrations must be numbered 1..n, found %d at %d", m.version, i+1))
		}
	}
	return ms
}

// migrate applies every migration newer than the file's user_version, each
// in its own transaction together with the user_version bump, so a crash
// leaves the file at a whole version.
func (s *Store) migrate(ctx context.Context) error {
	for _, m := range migrations {
		var cur int
		if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			return err
		}
		if cur > len(migrations) {
			return fmt.Errorf("written by a newer rolo (schema %d, this build knows %d); upgrade rolo", cur, len(migrations))
		}
		if cur >= m.version {
			continue
		}
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			// Re-check inside the write lock: another process may have
			// migrated between our read and BEGIN IMMEDIATE.
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
				return err
			}
			if cur >= m.version {
				return nil
			}
			if m.version == 1 {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
			}
			if m.after != nil {
				if err := m.after(ctx, s, tx); err != nil {
					return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
