package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"rolo/model"
)

// DefaultLimit and MaxLimit bound Query page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// filterSQL binds and compiles a filter into a WHERE fragment over the
// object's table. The empty filter is "1" without consulting the filter
// package.
func (s *Store) filterSQL(c *metaCache, st *objState, f model.Filter) (string, []any, error) {
	if f.Empty() {
		return "1", nil, nil
	}
	conds, err := f.Bind(st.obj, model.FilterEnv{Now: s.now(), Me: s.actorID()})
	if err != nil {
		return "", nil, err
	}
	return whereSQL(st.obj, conds, c.lookupObject)
}

func deletedCond(deleted bool) string {
	if deleted {
		return `"deleted_at" IS NOT NULL`
	}
	return `"deleted_at" IS NULL`
}

// pageQuery is a Query being answered: everything but the boundary.
type pageQuery struct {
	st        *objState
	plan      *sortPlan
	where     string // deleted condition AND filter
	whereArgs []any
}

type pageRow struct {
	rec  model.Record
	keys []any
}

// sql builds one segment's statement.
func (pq *pageQuery) sql(sg segment, limit int) (string, []any) {
	sel := pq.st.sel
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(sel.cols, ", "))
	for _, k := range pq.plan.keys {
		b.WriteString(", ")
		b.WriteString(k.expr)
	}
	b.WriteString(" FROM ")
	b.WriteString(sel.from(pq.st.obj))
	b.WriteString(pq.plan.joins)
	b.WriteString(" WHERE ")
	b.WriteString(pq.where)
	if sg.where != "" {
		b.WriteString(" AND ")
		b.WriteString(sg.where)
	}
	b.WriteString(" ORDER BY ")
	b.WriteString(sg.orderBy)
	b.WriteString(" LIMIT ?")
	args := make([]any, 0, len(pq.whereArgs)+len(sg.args)+1)
	args = append(append(append(args, pq.whereArgs...), sg.args...), limit)
	return b.String(), args
}

// existsSQL asks whether a segment has any row at all. It selects no
// columns, so SQLite can skip the joins that only serve display names.
func (pq *pageQuery) existsSQL(sg segment) (string, []any) {
	query := "SELECT 1 FROM " + pq.st.sel.from(pq.st.obj) + pq.plan.joins + " WHERE " + pq.where
	if sg.where != "" {
		query += " AND " + sg.where
	}
	return query + " LIMIT 1", append(append([]any{}, pq.whereArgs...), sg.args...)
}

// fetch returns up to limit rows after boundary (nil: from the start) in
// sort order, or before it in reverse sort order when backward.
func (s *Store) fetch(ctx context.Context, pq *pageQuery, boundary []any, backward bool, limit int) ([]pageRow, error) {
	var out []pageRow
	for _, sg := range pq.plan.segments(boundary, backward) {
		if len(out) >= limit {
			break
		}
		query, args := pq.sql(sg, limit-len(out))
		rows, err := s.queryCached(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			rec, keys, err := scanRecord(rows, pq.st.obj, pq.st.sel, len(pq.plan.keys))
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, pageRow{rec, keys})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Query returns one page of an object's records, filtered and sorted (by
// default by the label field, then id), with cursors to the neighbouring
// pages. See keyset.go for how paging and sorting work.
func (s *Store) Query(ctx context.Context, object string, qy model.Query) (model.Page, error) {
	c := s.meta()
	st, err := c.find(object)
	if err != nil {
		return model.Page{}, err
	}
	plan, err := buildSortPlan(st, qy.Sorts)
	if err != nil {
		return model.Page{}, err
	}
	fw, fargs, err := s.filterSQL(c, st, qy.Filter)
	if err != nil {
		return model.Page{}, err
	}
	pq := &pageQuery{st: st, plan: plan, where: deletedCond(qy.Deleted) + activeCond(qy.Filter, qy.Deleted) + " AND (" + fw + ")", whereArgs: fargs}
	limit := qy.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	var page model.Page
	cursor := func(r pageRow) model.Cursor { return encodeCursor(plan.sig, r.keys) }
	// exists reports whether any row lies beyond boundary in a direction.
	exists := func(boundary []any, backward bool) (bool, error) {
		for _, sg := range plan.segments(boundary, backward) {
			query, args := pq.existsSQL(sg)
			rows, err := s.queryCached(ctx, query, args...)
			if err != nil {
				return false, err
			}
			found := rows.Next()
			rows.Close()
			if err := rows.Err(); err != nil || found {
				return found, err
			}
		}
		return false, nil
	}
	var rows []pageRow
	switch {
	case qy.After != "" || qy.Before != "":
		backward := qy.After == ""
		c := qy.After
		if backward {
			c = qy.Before
		}
		b, err := decodeCursor(c, plan)
		if err != nil {
			return model.Page{}, err
		}
		if rows, err = s.fetch(ctx, pq, b, backward, limit+1); err != nil {
			return model.Page{}, err
		}
		more := len(rows) > limit
		if more {
			rows = rows[:limit]
		}
		// The other side: rows beyond the first one we return, or beyond
		// the boundary itself if the page is empty.
		back := b
		if len(rows) > 0 {
			back = rows[0].keys
		}
		behind, err := exists(back, !backward)
		if err != nil {
			return model.Page{}, err
		}
		var ahead, behindC model.Cursor
		if more {
			ahead = cursor(rows[len(rows)-1])
		}
		if behind {
			behindC = encodeCursor(plan.sig, back)
		}
		if backward {
			slices.Reverse(rows)
			page.Prev, page.Next = ahead, behindC
		} else {
			page.Next, page.Prev = ahead, behindC
		}
	case qy.Last:
		if rows, err = s.fetch(ctx, pq, nil, true, limit+1); err != nil {
			return model.Page{}, err
		}
		if len(rows) > limit {
			rows = rows[:limit]
			page.Prev = cursor(rows[limit-1])
		}
		slices.Reverse(rows)
	default:
		if rows, err = s.fetch(ctx, pq, nil, false, limit+1); err != nil {
			return model.Page{}, err
		}
		if len(rows) > limit {
			rows = rows[:limit]
			page.Next = cursor(rows[limit-1])
		}
	}
	page.Records = make([]model.Record, len(rows))
	for i, r := range rows {
		page.Records[i] = r.rec
	}
	return page, nil
}

// Count counts the live records matching a filter.
func (s *Store) Count(ctx context.Context, object string, f model.Filter) (int64, error) {
	c := s.meta()
	st, err := c.find(object)
	if err != nil {
		return 0, err
	}
	fw, fargs, err := s.filterSQL(c, st, f)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE "deleted_at" IS NULL%s AND (%s)`, q(st.obj.Table()), activeCond(f, false), fw), fargs...).Scan(&n)
	return n, err
}
