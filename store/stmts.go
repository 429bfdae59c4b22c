package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements for the read paths. Preparing a
// record SELECT with its joins costs more than running it for one page,
// so the hot queries (pages, Get, Count, totals) are prepared once.
// database/sql re-prepares a statement on each pooled connection as
// needed, and SQLite re-prepares after schema changes by itself.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxStmts bounds the cache: every distinct filter is a distinct query.
const maxStmts = 256

func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil || len(c.m) >= maxStmts {
		c.closeLocked()
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

// reset drops every statement (after a metadata change the old SQL is
// never generated again).
func (c *stmtCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeLocked()
	c.m = nil
}

func (c *stmtCache) closeLocked() {
	for _, st := range c.m {
		st.Close()
	}
}

// queryCached runs a read through a cached prepared statement.
func (s *Store) queryCached(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	for attempt := 0; ; attempt++ {
		st, err := s.stmts.get(ctx, s.db, query)
		if err != nil {
			return nil, err
		}
		rows, err := st.QueryContext(ctx, args...)
		// A metadata reload may close the statement between get and use;
		// the next get prepares it afresh.
		if err != nil && attempt == 0 && err.Error() == "sql: statement is closed" {
			continue
		}
		return rows, err
	}
}
