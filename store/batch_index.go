package store

import (
	"fmt"
	"strings"
)

// DeferIndexes drops the secondary indexes of an object's table for the
// rest of the batch and builds them again when the batch ends, before it
// commits. Filling a large empty table and then sorting each index once is
// about twice as fast as updating five B-trees row by row. All of it is in
// the batch's transaction: readers never see the table without its
// indexes, and a rollback (or a crash) restores them untouched.
//
// Only for a table the batch starts empty: while the indexes are gone,
// lookups on the table scan it. Unique indexes come back as unique, so a
// duplicate that slipped through still fails the batch.
func (b *Batch) DeferIndexes(object string) error {
	st, err := b.state(object)
	if err != nil {
		return err
	}
	if _, done := b.deferred[object]; done {
		return nil
	}
	if in := b.ins[object]; in != nil {
		if err := in.flush(); err != nil {
			return err
		}
	}
	rows, err := b.tx.QueryContext(b.ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
		st.obj.Table())
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, n), append(defs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := b.tx.ExecContext(b.ctx, "DROP INDEX "+q(n)); err != nil {
			return err
		}
	}
	if b.deferred == nil {
		b.deferred = map[string][]string{}
	}
	b.deferred[object] = defs
	return nil
}

// rebuildIndexes creates the indexes DeferIndexes dropped.
func (b *Batch) rebuildIndexes() error {
	for object, defs := range b.deferred {
		for _, def := range defs {
			if _, err := b.tx.ExecContext(b.ctx, def); err != nil {
				if isConstraint(err) {
					return fmt.Errorf("%s: a unique value is repeated (%v)", object, strings.TrimSpace(err.Error()))
				}
				return err
			}
		}
		delete(b.deferred, object)
	}
	return nil
}
