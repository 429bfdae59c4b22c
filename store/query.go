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
	conds, err := f.Bind(st.obj, model.FilterEnv{Now: s.now(), Me: s.actorID(), Lookup: c.lookupObject})
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
	// The two halves of where, for the bounded walk's variant of it.
	liveWhere, filterWhere string
	// For a filtered query in the default (label) order, the walk along
	// the sort index is bounded (see fetchSegment): seekFrom forces that
	// index, scan is the plan with index use disabled for the fallback.
	// Both are unset otherwise.
	seekFrom  string
	seekWhere string
	scan      *sortPlan
}

// seekWindow is how many index entries a bounded walk visits before it
// gives up on the index order. Walking the sort index costs a row lookup
// per entry to test the filter; a table scan plus a top-N sort costs about
// as much as 100,000 such lookups on a million rows. A filter that matches
// one record in 200 fills a page within the window; a rarer one pays the
// window (a few milliseconds) and then the scan instead of up to a million
// lookups.
var seekWindow = 10_000 // a variable so tests can exercise the fallback on small tables

// boundSeek sets up the bounded walk when it applies: a filtered query in
// the default label order over a plain column, which has the (label, id)
// index.
//
// Not when the filter tests the label itself (a bare word, name:smith):
// SQLite tests such a term on the index entry before it fetches the row,
// so walking costs a row lookup only per entry whose label matches, and a
// walk of the whole index is cheaper than the scan. Matches of a label
// term can also sit together far into the index (every "Amélie …"), past
// any window.
func (pq *pageQuery) boundSeek(f model.Filter) {
	o := pq.st.obj
	k := pq.plan.keys
	for _, t := range f.Terms {
		if !t.Not && (t.Field == "" || t.Field == o.LabelField) {
			return
		}
	}
	if f.Empty() || pq.plan.joins != "" || len(k) != 2 || k[0].expr != q(o.LabelField) || k[1].expr != `"id"` || !pq.plan.uniform() {
		return
	}
	pq.seekFrom = q(o.Table()) + " INDEXED BY " + q(indexName(o.Name, "sort")) + pq.st.sel.joins
	// The filter under a unary +: still tested on every row, but no longer
	// a top-level term, so SQLite cannot turn "name LIKE ?" into a range of
	// the sort index (the LIKE optimisation) that would replace the
	// walk's own bounds and walk the whole index.
	pq.seekWhere = pq.liveWhere + " AND +(" + pq.filterWhere + ")"
	scan := *pq.plan
	scan.keys = make([]sortKey, len(k))
	for i, key := range k {
		// Unary + keeps the column's value and collation but stops the
		// planner from using an index for the term: order and range come
		// from a scan and a sort, and filter indexes stay usable.
		key.expr = "+" + key.expr
		scan.keys[i] = key
	}
	pq.scan = &scan
}

type pageRow struct {
	rec  model.Record
	keys []any
}

// sql builds one segment's statement over from (the table and its joins).
// The sort keys are selected by the plain plan's expressions, so cursors
// are the same whichever plan ordered the rows.
func (pq *pageQuery) sql(from string, sg segment, limit int) (string, []any) {
	sel := pq.st.sel
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(sel.cols, ", "))
	for _, k := range pq.plan.keys {
		b.WriteString(", ")
		b.WriteString(k.expr)
	}
	b.WriteString(" FROM ")
	b.WriteString(from)
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
		rows, err := s.fetchSegment(ctx, pq, sg, backward, limit-len(out))
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// fetchSegment reads up to limit rows of one segment.
//
// A filtered query in label order is the one shape where SQLite cannot
// know the best plan: walking the (label, id) index tests the filter
// row by row and is best when matches are common, a scan plus a sort is
// best when they are rare, and without statistics the planner guesses
// (often an index on the filter's column followed by sorting every match,
// which is slow for common values). So the walk is forced onto the sort
// index but bounded: the entry seekWindow steps ahead is found in the
// index alone, rows up to it are read in index order, and only if they do
// not fill the page is the rest read by the scan plan.
func (s *Store) fetchSegment(ctx context.Context, pq *pageQuery, sg segment, backward bool, limit int) ([]pageRow, error) {
	from := pq.st.sel.from(pq.st.obj)
	if pq.scan == nil || !sg.seek {
		return s.readRows(ctx, pq, from, sg, limit)
	}
	bound, err := s.seekBound(ctx, pq, sg)
	if err != nil || bound == nil {
		// Fewer than seekWindow entries remain: walk them all.
		if err == nil {
			seek := *pq
			seek.where = pq.seekWhere
			return s.readRows(ctx, &seek, pq.seekFrom, sg, limit)
		}
		return nil, err
	}
	near := sg
	near.where += " AND " + pq.plan.upTo(sg.desc)
	near.args = append(append([]any{}, sg.args...), bound...)
	seek := *pq
	seek.where = pq.seekWhere
	out, err := s.readRows(ctx, &seek, pq.seekFrom, near, limit)
	if err != nil || len(out) >= limit {
		return out, err
	}
	for _, rest := range pq.scan.segments(bound, backward) {
		if !rest.seek {
			continue // rows with an empty label are the caller's next segment
		}
		more, err := s.readRows(ctx, pq, from, rest, limit-len(out))
		return append(out, more...), err
	}
	return out, nil
}

// seekBound is the sort key of the index entry seekWindow entries into a
// segment (filter not applied), or nil when the segment is shorter. It
// reads the index only.
func (s *Store) seekBound(ctx context.Context, pq *pageQuery, sg segment) ([]any, error) {
	o := pq.st.obj
	exprs := make([]string, len(pq.plan.keys))
	for i, k := range pq.plan.keys {
		exprs[i] = k.expr
	}
	query := "SELECT " + strings.Join(exprs, ", ") + " FROM " + q(o.Table()) + " INDEXED BY " + q(indexName(o.Name, "sort")) +
		" WHERE " + sg.where + " ORDER BY " + sg.orderBy + " LIMIT 1 OFFSET ?"
	rows, err := s.queryCached(ctx, query, append(append([]any{}, sg.args...), seekWindow)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	bound := make([]any, len(exprs))
	ptrs := make([]any, len(bound))
	for i := range bound {
		ptrs[i] = &bound[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return bound, rows.Err()
}

// readRows runs one segment's statement over from.
func (s *Store) readRows(ctx context.Context, pq *pageQuery, from string, sg segment, limit int) ([]pageRow, error) {
	query, args := pq.sql(from, sg, limit)
	rows, err := s.queryCached(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pageRow
	for rows.Next() {
		rec, keys, err := scanRecord(rows, pq.st.obj, pq.st.sel, len(pq.plan.keys))
		if err != nil {
			return nil, err
		}
		out = append(out, pageRow{rec, keys})
	}
	return out, rows.Err()
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
	live := deletedCond(qy.Deleted) + activeCond(qy.Filter, qy.Deleted)
	pq := &pageQuery{st: st, plan: plan, where: live + " AND (" + fw + ")", whereArgs: fargs, liveWhere: live, filterWhere: fw}
	// The deleted-records list is left to the planner: it reads the small
	// index of records that are not live (goneIndexDDL) and sorts them.
	if !qy.Deleted {
		pq.boundSeek(qy.Filter)
	}
	limit := qy.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	var page model.Page
	cursor := func(r pageRow) model.Cursor { return encodeCursor(plan.sig, r.keys) }
	// exists reports whether any row lies beyond boundary in a direction.
	exists := func(boundary []any, backward bool) (bool, error) {
		if pq.scan != nil {
			// The bounded walk, for the same reason as pages: a rare
			// filter at the end of its results would otherwise test every
			// remaining entry of the index.
			rows, err := s.fetch(ctx, pq, boundary, backward, 1)
			return len(rows) > 0, err
		}
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

// countFrom is "table WHERE live records matching f", shared by the
// counts. It names no column but the filter's and the live conditions, so
// SQLite counts over the smallest index that covers them: the owner index
// (owner, deleted_at, active) for no filter, the field's own index for an
// equality on a reference or select field.
func (s *Store) countFrom(object string, f model.Filter) (string, []any, error) {
	c := s.meta()
	st, err := c.find(object)
	if err != nil {
		return "", nil, err
	}
	fw, fargs, err := s.filterSQL(c, st, f)
	if err != nil {
		return "", nil, err
	}
	return fmt.Sprintf(`%s WHERE "deleted_at" IS NULL%s AND (%s)`, q(st.obj.Table()), activeCond(f, false), fw), fargs, nil
}

// Count counts the live records matching a filter. A count may scan the
// whole table; callers on the interface's path run it in the background
// with a context they cancel (see CountUpTo).
func (s *Store) Count(ctx context.Context, object string, f model.Filter) (int64, error) {
	if f.Empty() {
		return s.countLive(ctx, object)
	}
	from, args, err := s.countFrom(object, f)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+from, args...).Scan(&n)
	return n, err
}

// countLive counts an object's live records as all rows minus the rows
// that are not live, which have an index of their own (goneIndexDDL).
func (s *Store) countLive(ctx context.Context, object string) (int64, error) {
	st, err := s.meta().find(object)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.db.QueryRowContext(ctx, countLiveSQL(st.obj)).Scan(&n)
	return n, err
}

func countLiveSQL(o model.Object) string {
	t := q(o.Table())
	return "SELECT (SELECT count(*) FROM " + t + ") - (SELECT count(*) FROM " + t + " WHERE " + goneCond + ")"
}

// CountUpTo counts the live records matching a filter but stops looking
// after limit+1 of them: it reports (n, true) when n ≤ limit records
// match, and (limit, false) when more do. Its cost is bounded by how far
// the scan must go to find limit+1 matches, so it can answer with a page
// while an exact Count runs later. limit ≤ 0 counts exactly, and so does
// the empty filter, whose exact count is cheap (countLive).
func (s *Store) CountUpTo(ctx context.Context, object string, f model.Filter, limit int64) (n int64, exact bool, err error) {
	if limit <= 0 || f.Empty() {
		// Counting every live record is cheap (countLive): be exact.
		n, err := s.Count(ctx, object, f)
		return n, err == nil, err
	}
	from, args, err := s.countFrom(object, f)
	if err != nil {
		return 0, false, err
	}
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+from+" LIMIT ?)", append(args, limit+1)...).Scan(&n)
	if err != nil {
		return 0, false, err
	}
	if n > limit {
		return limit, false, nil
	}
	return n, true, nil
}
